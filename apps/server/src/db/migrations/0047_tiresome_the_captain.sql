CREATE TABLE "announcement_recipients" (
	"tenant_id" uuid NOT NULL,
	"announcement_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"read_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"done_note" text,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "announcement_recipients_announcement_id_user_id_pk" PRIMARY KEY("announcement_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "announcements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"sender_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"expires_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"target_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"target_department_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"recipient_count" integer DEFAULT 0 NOT NULL,
	"due_soon_reminded_at" timestamp with time zone,
	"overdue_reminded_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "announcement_recipients_user_idx" ON "announcement_recipients" USING btree ("tenant_id","user_id","announcement_id");--> statement-breakpoint
CREATE INDEX "announcements_sender_idx" ON "announcements" USING btree ("tenant_id","sender_id","created_at","id") WHERE "announcements"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "announcements_tenant_created_idx" ON "announcements" USING btree ("tenant_id","created_at","id") WHERE "announcements"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "announcements_due_idx" ON "announcements" USING btree ("due_at") WHERE "announcements"."kind" = 'instruction' AND "announcements"."deleted_at" IS NULL AND "announcements"."overdue_reminded_at" IS NULL;