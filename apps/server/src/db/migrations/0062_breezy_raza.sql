CREATE TABLE "customer_month_rollups" (
	"tenant_id" uuid NOT NULL,
	"month" date NOT NULL,
	"tenant_wide" boolean NOT NULL,
	"department_id" uuid,
	"dim" text NOT NULL,
	"key" text,
	"customers" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_rollup_state" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "customer_month_rollups_department_idx" ON "customer_month_rollups" USING btree ("tenant_id","dim","department_id","month") WHERE NOT "customer_month_rollups"."tenant_wide";--> statement-breakpoint
CREATE INDEX "customer_month_rollups_tenant_idx" ON "customer_month_rollups" USING btree ("tenant_id","dim","month") WHERE "customer_month_rollups"."tenant_wide";--> statement-breakpoint
CREATE INDEX "customer_month_rollups_month_idx" ON "customer_month_rollups" USING btree ("tenant_id","month");--> statement-breakpoint
CREATE INDEX "customers_updated_idx" ON "customers" USING btree ("tenant_id","updated_at");