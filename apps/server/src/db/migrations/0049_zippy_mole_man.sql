CREATE TABLE "sla_settings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"work_days" smallint[] NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"makeup_days" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_targets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"priority" text NOT NULL,
	"type_id" uuid,
	"response_minutes" integer NOT NULL,
	"resolution_minutes" integer NOT NULL,
	CONSTRAINT "sla_targets_minutes_ck" CHECK ("sla_targets"."response_minutes" > 0 AND "sla_targets"."resolution_minutes" >= "sla_targets"."response_minutes")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sla_settings_tenant_uq" ON "sla_settings" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_targets_default_uq" ON "sla_targets" USING btree ("tenant_id","priority") WHERE "sla_targets"."type_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_targets_type_uq" ON "sla_targets" USING btree ("tenant_id","priority","type_id") WHERE "sla_targets"."type_id" IS NOT NULL;