ALTER TABLE "tickets" ALTER COLUMN "customer_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_settings" ADD COLUMN "form_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_settings" ADD COLUMN "form_token" text;--> statement-breakpoint
ALTER TABLE "ticket_settings" ADD COLUMN "form_title" text;--> statement-breakpoint
ALTER TABLE "ticket_settings" ADD COLUMN "form_intro" text;--> statement-breakpoint
ALTER TABLE "ticket_settings" ADD COLUMN "form_per_minute" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_settings" ADD COLUMN "form_priority" text DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_settings" ADD COLUMN "form_type_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_settings" ADD COLUMN "form_department_id" uuid;--> statement-breakpoint
ALTER TABLE "ticket_settings" ADD COLUMN "form_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "submitter" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_settings_form_token_uq" ON "ticket_settings" USING btree ("form_token");