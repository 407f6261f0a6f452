CREATE TABLE "contact_norms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"level_id" uuid NOT NULL,
	"per_month" integer NOT NULL,
	CONSTRAINT "contact_norms_per_month_ck" CHECK ("contact_norms"."per_month" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "contact_norms_level_uq" ON "contact_norms" USING btree ("tenant_id","level_id");