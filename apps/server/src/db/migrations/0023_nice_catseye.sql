CREATE TABLE "work_report_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"content" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"author_id" uuid NOT NULL,
	"period" text NOT NULL,
	"start" date NOT NULL,
	"status" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"plan" text DEFAULT '' NOT NULL,
	"figures" jsonb,
	"submitted_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "work_report_comments_report_idx" ON "work_report_comments" USING btree ("tenant_id","report_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "work_reports_author_period_uq" ON "work_reports" USING btree ("tenant_id","author_id","period","start") WHERE "work_reports"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "work_reports_start_idx" ON "work_reports" USING btree ("tenant_id","start","id") WHERE "work_reports"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "work_reports_period_idx" ON "work_reports" USING btree ("tenant_id","period","start") WHERE "work_reports"."deleted_at" IS NULL;