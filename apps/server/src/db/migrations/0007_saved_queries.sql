CREATE TABLE "saved_queries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"user_id" uuid NOT NULL,
	"list" text NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "saved_queries_owner_idx" ON "saved_queries" USING btree ("tenant_id","list","user_id") WHERE "saved_queries"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "saved_queries_shared_idx" ON "saved_queries" USING btree ("tenant_id","list") WHERE "saved_queries"."shared" AND "saved_queries"."deleted_at" IS NULL;