ALTER TABLE "tenants" ADD COLUMN "check_in_radius_meters" integer DEFAULT 500 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "check_in_out_of_range" text DEFAULT 'flag' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "check_in_photo_required" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "check_in_accuracy_limit_meters" integer DEFAULT 200 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "work_start" text DEFAULT '09:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "work_end" text DEFAULT '18:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "track_interval_seconds" integer DEFAULT 300 NOT NULL;--> statement-breakpoint
-- a half location (one coordinate without the other, e.g. from an import) is dropped before the check holds
UPDATE "customers" SET "lat" = NULL, "lng" = NULL WHERE ("lat" IS NULL) <> ("lng" IS NULL);--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_location_ck" CHECK (("customers"."lat" IS NULL AND "customers"."lng" IS NULL) OR ("customers"."lat" IS NOT NULL AND "customers"."lng" IS NOT NULL AND "customers"."lat" BETWEEN -90 AND 90 AND "customers"."lng" BETWEEN -180 AND 180));