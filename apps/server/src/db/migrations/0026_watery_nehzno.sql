CREATE TABLE "campaign_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"user_id" uuid NOT NULL,
	"content" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_expenses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"item" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"spent_on" date,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "campaign_participants" (
	"tenant_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "campaign_participants_campaign_id_user_id_pk" PRIMARY KEY("campaign_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"channel_id" uuid NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"budget" numeric(18, 2),
	"target_customers" text,
	"products" text,
	"partners" text,
	"description" text,
	"owner_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "campaign_actions_campaign_idx" ON "campaign_actions" USING btree ("tenant_id","campaign_id","occurred_on","created_at");--> statement-breakpoint
CREATE INDEX "campaign_expenses_campaign_idx" ON "campaign_expenses" USING btree ("tenant_id","campaign_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_number_idx" ON "campaigns" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "campaigns_start_idx" ON "campaigns" USING btree ("tenant_id","start_date","id") WHERE "campaigns"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "campaigns_owner_idx" ON "campaigns" USING btree ("tenant_id","owner_id") WHERE "campaigns"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "campaigns_department_idx" ON "campaigns" USING btree ("tenant_id","department_id") WHERE "campaigns"."deleted_at" IS NULL;