CREATE TABLE "follow_up_month_rollups" (
	"tenant_id" uuid NOT NULL,
	"month" date NOT NULL,
	"user_id" uuid NOT NULL,
	"follow_ups" integer NOT NULL,
	CONSTRAINT "follow_up_month_rollups_tenant_id_month_user_id_pk" PRIMARY KEY("tenant_id","month","user_id")
);
--> statement-breakpoint
CREATE TABLE "follow_up_rollup_moves" (
	"tenant_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_up_rollup_state" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "follow_up_rollup_moves_idx" ON "follow_up_rollup_moves" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "follow_ups_updated_idx" ON "follow_ups" USING btree ("tenant_id","updated_at");