CREATE TABLE "custom_fields" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"entity" text NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"depends_on" text,
	"option_parents" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sort_order" integer NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "custom_fields_key_uq" ON "custom_fields" USING btree ("tenant_id","entity","key");--> statement-breakpoint
CREATE UNIQUE INDEX "custom_fields_title_uq" ON "custom_fields" USING btree ("tenant_id","entity","title") WHERE "custom_fields"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "custom_fields_order_idx" ON "custom_fields" USING btree ("tenant_id","entity","sort_order") WHERE "custom_fields"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_custom_idx" ON "contacts" USING gin ("custom" jsonb_path_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "customers_custom_idx" ON "customers" USING gin ("custom" jsonb_path_ops) WHERE deleted_at IS NULL;