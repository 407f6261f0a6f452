CREATE TABLE "follow_up_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"follow_up_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"content" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"customer_id" uuid NOT NULL,
	"contact_id" uuid,
	"user_id" uuid NOT NULL,
	"type_id" uuid NOT NULL,
	"topic_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"content" text NOT NULL,
	"stage_id" uuid,
	"attitude" text,
	"next_follow_up_at" timestamp with time zone,
	"todo_event_id" uuid,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "follow_up_comments_idx" ON "follow_up_comments" USING btree ("tenant_id","follow_up_id","created_at");--> statement-breakpoint
CREATE INDEX "follow_ups_occurred_idx" ON "follow_ups" USING btree ("tenant_id","occurred_at","id") WHERE "follow_ups"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "follow_ups_user_idx" ON "follow_ups" USING btree ("tenant_id","user_id","occurred_at","id") WHERE "follow_ups"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "follow_ups_customer_idx" ON "follow_ups" USING btree ("tenant_id","customer_id","occurred_at","id") WHERE "follow_ups"."deleted_at" IS NULL;