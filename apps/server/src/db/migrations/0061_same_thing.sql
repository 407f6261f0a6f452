CREATE TABLE "order_line_month_rollups" (
	"tenant_id" uuid NOT NULL,
	"month" date NOT NULL,
	"tenant_wide" boolean NOT NULL,
	"department_id" uuid,
	"product_id" uuid NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"quantity" numeric(18, 3) NOT NULL,
	"lines" integer NOT NULL,
	CONSTRAINT "order_line_month_rollups_grain_ck" CHECK ("order_line_month_rollups"."tenant_wide" = ("order_line_month_rollups"."department_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "order_line_rollup_state" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "order_line_month_rollups_department_uq" ON "order_line_month_rollups" USING btree ("tenant_id","department_id","month","product_id") WHERE NOT "order_line_month_rollups"."tenant_wide";--> statement-breakpoint
CREATE UNIQUE INDEX "order_line_month_rollups_tenant_uq" ON "order_line_month_rollups" USING btree ("tenant_id","month","product_id") WHERE "order_line_month_rollups"."tenant_wide";