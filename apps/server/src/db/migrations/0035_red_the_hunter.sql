CREATE TABLE "opportunities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"customer_id" uuid,
	"prospect_name" text,
	"product_id" uuid,
	"expected_amount" numeric(18, 2) NOT NULL,
	"probability" numeric(5, 2) NOT NULL,
	"stage_id" uuid NOT NULL,
	"stage_changed_at" timestamp with time zone NOT NULL,
	"expected_close_date" date NOT NULL,
	"contact_id" uuid,
	"source_id" uuid,
	"lead_id" uuid,
	"campaign_id" uuid,
	"description" text,
	"status" text NOT NULL,
	"assignee_id" uuid,
	"assigned_at" timestamp with time zone,
	"owner_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"closed_at" timestamp with time zone,
	"lost_reason_id" uuid,
	"lost_note" text,
	"stalled_notified_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "opportunity_plan_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"content" text NOT NULL,
	"result" text,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "opportunity_stage_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_stage_id" uuid,
	"to_stage_id" uuid,
	"probability" numeric(5, 2),
	"user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunity_stages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"probability" numeric(5, 2) NOT NULL,
	"stalled_days" integer NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "opportunities_pipeline_idx" ON "opportunities" USING btree ("tenant_id","stage_id","owner_id","department_id") WHERE "opportunities"."deleted_at" IS NULL AND "opportunities"."status" IN ('unassigned', 'developing');--> statement-breakpoint
CREATE INDEX "opportunities_updated_idx" ON "opportunities" USING btree ("tenant_id","updated_at","id") WHERE "opportunities"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "opportunities_owner_idx" ON "opportunities" USING btree ("tenant_id","owner_id","updated_at") WHERE "opportunities"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "opportunities_department_idx" ON "opportunities" USING btree ("tenant_id","department_id","updated_at") WHERE "opportunities"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "opportunities_customer_idx" ON "opportunities" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "opportunities_close_idx" ON "opportunities" USING btree ("tenant_id","expected_close_date") WHERE "opportunities"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "opportunities_won_idx" ON "opportunities" USING btree ("tenant_id","closed_at") WHERE "opportunities"."deleted_at" IS NULL AND "opportunities"."status" = 'won';--> statement-breakpoint
CREATE INDEX "opportunities_campaign_idx" ON "opportunities" USING btree ("tenant_id","campaign_id") WHERE "opportunities"."deleted_at" IS NULL AND "opportunities"."campaign_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "opportunities_lead_idx" ON "opportunities" USING btree ("tenant_id","lead_id") WHERE "opportunities"."lead_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "opportunity_plan_items_idx" ON "opportunity_plan_items" USING btree ("tenant_id","opportunity_id","due_date") WHERE "opportunity_plan_items"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "opportunity_stage_history_idx" ON "opportunity_stage_history" USING btree ("tenant_id","opportunity_id","at");--> statement-breakpoint
CREATE INDEX "opportunity_stage_history_stage_idx" ON "opportunity_stage_history" USING btree ("tenant_id","to_stage_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opportunity_stages_name_idx" ON "opportunity_stages" USING btree ("tenant_id","name") WHERE "opportunity_stages"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "opportunity_stages_position_idx" ON "opportunity_stages" USING btree ("tenant_id","position");