CREATE TABLE "lead_activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content" text NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_forms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"token" text NOT NULL,
	"campaign_id" uuid,
	"source_id" uuid,
	"title" text NOT NULL,
	"intro" text,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"per_minute" integer DEFAULT 600 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lead_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"region_code" text,
	"source_id" uuid,
	"campaign_id" uuid,
	"department_id" uuid NOT NULL,
	"last_user_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lead_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"grab_daily_limit" integer DEFAULT 20 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"contact_name" text,
	"mobile" text,
	"email" text,
	"source_id" uuid,
	"campaign_id" uuid,
	"region_code" text,
	"remark" text,
	"status" text NOT NULL,
	"disqualify_reason_id" uuid,
	"owner_id" uuid,
	"department_id" uuid,
	"assigned_at" timestamp with time zone,
	"grabbed_at" timestamp with time zone,
	"form_id" uuid,
	"customer_id" uuid,
	"contact_id" uuid,
	"converted_at" timestamp with time zone,
	"converted_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "public_hits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "public_hits_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE INDEX "lead_activities_idx" ON "lead_activities" USING btree ("tenant_id","lead_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_forms_token_idx" ON "lead_forms" USING btree ("token");--> statement-breakpoint
CREATE INDEX "lead_forms_tenant_idx" ON "lead_forms" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "lead_rules_tenant_idx" ON "lead_rules" USING btree ("tenant_id","priority");--> statement-breakpoint
CREATE INDEX "leads_created_idx" ON "leads" USING btree ("tenant_id","created_at","id") WHERE "leads"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "leads_owner_idx" ON "leads" USING btree ("tenant_id","owner_id","created_at") WHERE "leads"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "leads_pool_idx" ON "leads" USING btree ("tenant_id","created_at") WHERE "leads"."owner_id" IS NULL AND "leads"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "leads_campaign_idx" ON "leads" USING btree ("tenant_id","campaign_id") WHERE "leads"."campaign_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "leads_grabbed_idx" ON "leads" USING btree ("tenant_id","owner_id","grabbed_at") WHERE "leads"."grabbed_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "public_hits_window_idx" ON "public_hits" USING btree ("window_start");