CREATE TABLE "dashboard_layouts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"user_id" uuid,
	"role_id" uuid,
	"cards" jsonb NOT NULL,
	CONSTRAINT "dashboard_layouts_owner_ck" CHECK (("dashboard_layouts"."user_id" IS NULL) <> ("dashboard_layouts"."role_id" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "dashboard_layouts_user_uq" ON "dashboard_layouts" USING btree ("tenant_id","user_id") WHERE "dashboard_layouts"."user_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "dashboard_layouts_role_uq" ON "dashboard_layouts" USING btree ("tenant_id","role_id") WHERE "dashboard_layouts"."role_id" IS NOT NULL;