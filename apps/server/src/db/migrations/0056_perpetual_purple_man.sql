CREATE TABLE "report_subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"user_id" uuid NOT NULL,
	"report_code" text NOT NULL,
	"query" jsonb NOT NULL,
	"frequency" text NOT NULL,
	"day" integer NOT NULL,
	"hour" integer NOT NULL,
	"title" text,
	"locale" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_sent_at" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_outcome" text,
	"last_error" text,
	CONSTRAINT "report_subscriptions_frequency_ck" CHECK ("report_subscriptions"."frequency" IN ('weekly', 'monthly')),
	CONSTRAINT "report_subscriptions_day_ck" CHECK ("report_subscriptions"."day" >= 1 AND "report_subscriptions"."day" <= CASE WHEN "report_subscriptions"."frequency" = 'weekly' THEN 7 ELSE 28 END),
	CONSTRAINT "report_subscriptions_hour_ck" CHECK ("report_subscriptions"."hour" BETWEEN 0 AND 23)
);
--> statement-breakpoint
CREATE INDEX "report_subscriptions_user_idx" ON "report_subscriptions" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "report_subscriptions_due_idx" ON "report_subscriptions" USING btree ("next_run_at") WHERE "report_subscriptions"."active";