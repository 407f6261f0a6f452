CREATE TABLE "event_completions" (
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"occurrence_start" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_by" uuid,
	CONSTRAINT "event_completions_event_id_occurrence_start_pk" PRIMARY KEY("event_id","occurrence_start")
);
--> statement-breakpoint
CREATE TABLE "event_participants" (
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "event_participants_event_id_user_id_pk" PRIMARY KEY("event_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "event_reminders" (
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"occurrence_start" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_reminders_event_id_occurrence_start_pk" PRIMARY KEY("event_id","occurrence_start")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"notes" text,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone,
	"all_day" boolean DEFAULT false NOT NULL,
	"customer_id" uuid,
	"contact_id" uuid,
	"owner_id" uuid NOT NULL,
	"remind_minutes_before" integer,
	"rrule" text,
	"last_end_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "event_participants_user_idx" ON "event_participants" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "events_owner_start_idx" ON "events" USING btree ("tenant_id","owner_id","start_at") WHERE "events"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "events_remind_idx" ON "events" USING btree ("tenant_id","start_at") WHERE "events"."remind_minutes_before" IS NOT NULL AND "events"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "events_customer_idx" ON "events" USING btree ("tenant_id","customer_id") WHERE "events"."customer_id" IS NOT NULL;