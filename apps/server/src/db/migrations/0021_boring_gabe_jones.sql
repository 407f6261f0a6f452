CREATE TABLE "check_ins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"user_id" uuid NOT NULL,
	"department_id" uuid,
	"type" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"accuracy" double precision,
	"captured_at" timestamp with time zone NOT NULL,
	"server_time" timestamp with time zone NOT NULL,
	"customer_id" uuid,
	"plan_id" text,
	"note" text,
	"distance_meters" double precision,
	"radius_meters" integer,
	"province" text,
	"city" text,
	"district" text,
	"street" text,
	"photo_file_id" uuid,
	"original_file_id" uuid,
	"photo_sha256" text,
	"photo_size" integer,
	"photo_width" integer,
	"photo_height" integer,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_idempotency_idx" ON "check_ins" USING btree ("tenant_id","user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "check_ins_captured_idx" ON "check_ins" USING btree ("tenant_id","captured_at","id");--> statement-breakpoint
CREATE INDEX "check_ins_user_captured_idx" ON "check_ins" USING btree ("tenant_id","user_id","captured_at");--> statement-breakpoint
CREATE INDEX "check_ins_customer_idx" ON "check_ins" USING btree ("tenant_id","customer_id","captured_at") WHERE "check_ins"."customer_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "check_ins_photo_idx" ON "check_ins" USING btree ("tenant_id","photo_sha256") WHERE "check_ins"."photo_sha256" IS NOT NULL;