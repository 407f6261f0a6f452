CREATE TABLE "marketing_plan_customers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "marketing_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"sub_type_id" uuid NOT NULL,
	"title" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"region_code" text,
	"goals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"expenses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"budget" numeric(18, 2) DEFAULT '0' NOT NULL,
	"owner_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"review_status" text NOT NULL,
	"approval_id" uuid,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	"feedback_status" text DEFAULT 'none' NOT NULL,
	"results" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actual_expenses" numeric(18, 2),
	"feedback_notes" text,
	"feedback_submitted_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "marketing_plan_customers_plan_idx" ON "marketing_plan_customers" USING btree ("tenant_id","plan_id");--> statement-breakpoint
CREATE INDEX "marketing_plan_customers_customer_idx" ON "marketing_plan_customers" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "marketing_plans_start_idx" ON "marketing_plans" USING btree ("tenant_id","start_date","id") WHERE "marketing_plans"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "marketing_plans_department_idx" ON "marketing_plans" USING btree ("tenant_id","department_id","start_date") WHERE "marketing_plans"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "marketing_plans_owner_idx" ON "marketing_plans" USING btree ("tenant_id","owner_id","start_date") WHERE "marketing_plans"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "marketing_plans_unreviewed_idx" ON "marketing_plans" USING btree ("tenant_id","department_id") WHERE "marketing_plans"."deleted_at" IS NULL AND "marketing_plans"."review_status" = 'unreviewed';