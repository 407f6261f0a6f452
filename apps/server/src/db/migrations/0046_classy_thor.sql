CREATE TABLE "churn_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"user_id" uuid,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "churn_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"customer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"owner_id" uuid,
	"department_id" uuid,
	"risk" smallint DEFAULT 0 NOT NULL,
	"last_order_at" timestamp with time zone,
	"delays" integer DEFAULT 0 NOT NULL,
	"measures" text,
	"until" date,
	"reason_id" uuid,
	"recovered_by" text,
	"closed_at" timestamp with time zone,
	CONSTRAINT "churn_records_risk_ck" CHECK ("churn_records"."risk" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "churn_settings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"months" integer DEFAULT 6 NOT NULL,
	"max_delays" integer DEFAULT 2 NOT NULL,
	"pool_on_confirm" boolean DEFAULT false NOT NULL,
	"recency_weight" integer DEFAULT 50 NOT NULL,
	"frequency_weight" integer DEFAULT 25 NOT NULL,
	"monetary_weight" integer DEFAULT 25 NOT NULL,
	CONSTRAINT "churn_settings_weights_ck" CHECK ("churn_settings"."recency_weight" >= 0 AND "churn_settings"."frequency_weight" >= 0 AND "churn_settings"."monetary_weight" >= 0 AND "churn_settings"."recency_weight" + "churn_settings"."frequency_weight" + "churn_settings"."monetary_weight" = 100)
);
--> statement-breakpoint
CREATE INDEX "churn_history_record_idx" ON "churn_history" USING btree ("tenant_id","record_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "churn_records_open_uq" ON "churn_records" USING btree ("tenant_id","customer_id") WHERE "churn_records"."status" IN ('warning', 'delayed');--> statement-breakpoint
CREATE INDEX "churn_records_list_idx" ON "churn_records" USING btree ("tenant_id","status","risk","id");--> statement-breakpoint
CREATE INDEX "churn_records_owner_idx" ON "churn_records" USING btree ("tenant_id","owner_id","status");--> statement-breakpoint
CREATE INDEX "churn_records_department_idx" ON "churn_records" USING btree ("tenant_id","department_id","status");--> statement-breakpoint
CREATE INDEX "churn_records_customer_idx" ON "churn_records" USING btree ("tenant_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "churn_records_until_idx" ON "churn_records" USING btree ("tenant_id","until") WHERE "churn_records"."status" = 'delayed';--> statement-breakpoint
CREATE UNIQUE INDEX "churn_settings_tenant_uq" ON "churn_settings" USING btree ("tenant_id");