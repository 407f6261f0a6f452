CREATE TABLE "receivable_month_rollups" (
	"tenant_id" uuid NOT NULL,
	"month" date NOT NULL,
	"owner_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"planned" numeric(18, 2) NOT NULL,
	"received" numeric(18, 2) NOT NULL,
	"overdue" numeric(18, 2) NOT NULL,
	CONSTRAINT "receivable_month_rollups_tenant_id_month_owner_id_department_id_pk" PRIMARY KEY("tenant_id","month","owner_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "receivable_rollup_moves" (
	"tenant_id" uuid NOT NULL,
	"at" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receivable_rollup_state" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "receivable_rollup_moves_idx" ON "receivable_rollup_moves" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_plans_updated_idx" ON "payment_plans" USING btree ("tenant_id","updated_at");--> statement-breakpoint
CREATE INDEX "payments_updated_idx" ON "payments" USING btree ("tenant_id","updated_at");