CREATE TABLE "order_month_rollups" (
	"tenant_id" uuid NOT NULL,
	"month" date NOT NULL,
	"owner_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"orders" integer NOT NULL,
	CONSTRAINT "order_month_rollups_tenant_id_month_owner_id_department_id_pk" PRIMARY KEY("tenant_id","month","owner_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "order_rollup_state" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "orders_updated_idx" ON "orders" USING btree ("tenant_id","updated_at");