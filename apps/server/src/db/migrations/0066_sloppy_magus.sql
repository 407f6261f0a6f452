CREATE TABLE "card_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"face_value" numeric(18, 2) NOT NULL,
	"count" integer NOT NULL,
	"produced_at" date NOT NULL,
	"expires_at" date NOT NULL,
	"region_code" text,
	"channel" text,
	"member_id" uuid,
	"max_uses_per_day" integer,
	"store_department_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"owner_id" uuid,
	"department_id" uuid,
	"mac_key" text NOT NULL,
	"secrets_sealed" text,
	"secrets_exported_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "card_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"balance_after" numeric(18, 2) NOT NULL,
	"store_department_id" uuid,
	"idempotency_key" text,
	"refund_of" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "card_entries_balance_not_negative" CHECK ("card_entries"."balance_after" >= 0)
);
--> statement-breakpoint
CREATE TABLE "cards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"number" text NOT NULL,
	"secret_hash" text NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"balance" numeric(18, 2) DEFAULT '0' NOT NULL,
	"expires_at" date NOT NULL,
	"channel" text,
	"member_id" uuid,
	"owner_id" uuid,
	"department_id" uuid,
	"failed_secret_attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cards_balance_not_negative" CHECK ("cards"."balance" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "card_batches_seq_uq" ON "card_batches" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE INDEX "card_batches_created_idx" ON "card_batches" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "card_entries_card_idx" ON "card_entries" USING btree ("tenant_id","card_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "card_entries_idempotency_uq" ON "card_entries" USING btree ("tenant_id","card_id","idempotency_key") WHERE "card_entries"."idempotency_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "card_entries_refund_uq" ON "card_entries" USING btree ("tenant_id","refund_of") WHERE "card_entries"."refund_of" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "cards_number_uq" ON "cards" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "cards_batch_idx" ON "cards" USING btree ("tenant_id","batch_id","number");--> statement-breakpoint
CREATE INDEX "cards_expiry_idx" ON "cards" USING btree ("tenant_id","expires_at") WHERE "cards"."status" IN ('issued', 'active', 'frozen');