CREATE TABLE "notification_settings" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"email_mode" text NOT NULL,
	"digest_hour" smallint NOT NULL,
	"categories" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_digest_at" timestamp with time zone,
	"site_url" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_settings_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "email_status" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "emailed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "email_attempts" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "email_error" text;--> statement-breakpoint
CREATE INDEX "notifications_email_open_idx" ON "notifications" USING btree ("tenant_id","user_id","created_at") WHERE "notifications"."email_status" IS NULL OR "notifications"."email_status" = 'sending';--> statement-breakpoint
-- notifications from before e-mail reminders are not mailed after the upgrade
UPDATE "notifications" SET "email_status" = 'skipped', "emailed_at" = now() WHERE "email_status" IS NULL;
