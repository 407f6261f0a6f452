ALTER TABLE "customers" ADD COLUMN "risk_score" smallint;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "churned_at" timestamp with time zone;