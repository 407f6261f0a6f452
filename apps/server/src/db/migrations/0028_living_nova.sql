CREATE TABLE "mailing_recipients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"mailing_id" uuid NOT NULL,
	"address" text NOT NULL,
	"merge" jsonb NOT NULL,
	"customer_id" uuid,
	"contact_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"error" text,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mailing_settings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"smtp_host" text,
	"smtp_port" integer,
	"smtp_secure" boolean DEFAULT false NOT NULL,
	"smtp_user" text,
	"smtp_password" text,
	"from_address" text,
	"from_name" text,
	"sms_url" text,
	"sms_secret" text,
	"sms_template" text,
	"per_minute" integer DEFAULT 60 NOT NULL,
	"link_base_url" text,
	"link_secret" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mailing_suppressions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"mailing_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mailings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"owner_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"name" text NOT NULL,
	"channel" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"saved_query_id" uuid,
	"saved_query_name" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"scheduled_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"link_base" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "mailing_recipients_address_uq" ON "mailing_recipients" USING btree ("mailing_id","address");--> statement-breakpoint
CREATE INDEX "mailing_recipients_status_idx" ON "mailing_recipients" USING btree ("mailing_id","status");--> statement-breakpoint
CREATE INDEX "mailing_recipients_claimed_idx" ON "mailing_recipients" USING btree ("tenant_id","claimed_at") WHERE "mailing_recipients"."claimed_at" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "mailing_settings_tenant_uq" ON "mailing_settings" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mailing_suppressions_uq" ON "mailing_suppressions" USING btree ("tenant_id","channel","address");--> statement-breakpoint
CREATE INDEX "mailings_list_idx" ON "mailings" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "mailings_due_idx" ON "mailings" USING btree ("status","scheduled_at") WHERE "mailings"."status" IN ('scheduled', 'sending');