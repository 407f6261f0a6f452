ALTER TABLE "tenants" ADD COLUMN "password_min_length" integer DEFAULT 8 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "password_classes" text[] DEFAULT '{letter,digit}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "password_forbid_username" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "lockout_attempts" integer;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "lockout_minutes" integer;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "session_hours" integer;