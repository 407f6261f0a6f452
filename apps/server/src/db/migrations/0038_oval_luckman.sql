CREATE TABLE "sales_targets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"period" text NOT NULL,
	"start" date NOT NULL,
	"department_id" uuid,
	"user_id" uuid,
	"amount" numeric(18, 2),
	"count" integer,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "sales_targets_one_subject" CHECK (("sales_targets"."department_id" IS NULL) <> ("sales_targets"."user_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "target_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"basis" text DEFAULT 'orders' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sales_targets_department_uq" ON "sales_targets" USING btree ("tenant_id","period","start","department_id") WHERE "sales_targets"."department_id" IS NOT NULL AND "sales_targets"."deleted_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "sales_targets_user_uq" ON "sales_targets" USING btree ("tenant_id","period","start","user_id") WHERE "sales_targets"."user_id" IS NOT NULL AND "sales_targets"."deleted_at" IS NULL;