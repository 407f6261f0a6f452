CREATE TABLE "ticket_activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content" text NOT NULL,
	"internal" boolean DEFAULT true NOT NULL,
	"user_id" uuid,
	"from_user_id" uuid,
	"to_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"type_id" uuid,
	"region_id" uuid,
	"department_id" uuid NOT NULL,
	"last_user_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ticket_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"reopen_days" integer DEFAULT 7 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"number" text NOT NULL,
	"type_id" uuid NOT NULL,
	"title" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"contact_id" uuid,
	"request" text NOT NULL,
	"priority" text NOT NULL,
	"channel" text,
	"order_id" uuid,
	"contract_id" uuid,
	"product_id" uuid,
	"status" text NOT NULL,
	"handler_id" uuid,
	"department_id" uuid,
	"assigned_at" timestamp with time zone,
	"within_warranty" boolean,
	"within_contract" boolean,
	"response_due_at" timestamp with time zone NOT NULL,
	"resolution_due_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"paused_at" timestamp with time zone,
	"paused_minutes" integer DEFAULT 0 NOT NULL,
	"response_warned_at" timestamp with time zone,
	"resolution_warned_at" timestamp with time zone,
	"response_breached" boolean DEFAULT false NOT NULL,
	"resolution_breached" boolean DEFAULT false NOT NULL,
	"satisfaction" smallint,
	"feedback_comment" text,
	"feedback_at" timestamp with time zone,
	"feedback_by" text,
	"archived_at" timestamp with time zone,
	"reopened_count" integer DEFAULT 0 NOT NULL,
	"merged_into_id" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "ticket_activities_idx" ON "ticket_activities" USING btree ("tenant_id","ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "ticket_rules_tenant_idx" ON "ticket_rules" USING btree ("tenant_id","priority");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_number_idx" ON "tickets" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("tenant_id","created_at","id") WHERE "tickets"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "tickets_handler_idx" ON "tickets" USING btree ("tenant_id","handler_id","created_at") WHERE "tickets"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "tickets_department_idx" ON "tickets" USING btree ("tenant_id","department_id","created_at") WHERE "tickets"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "tickets_queue_idx" ON "tickets" USING btree ("tenant_id","created_at") WHERE "tickets"."handler_id" IS NULL AND "tickets"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "tickets_customer_idx" ON "tickets" USING btree ("tenant_id","customer_id","created_at") WHERE "tickets"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "tickets_sla_idx" ON "tickets" USING btree ("resolution_due_at") WHERE "tickets"."resolved_at" IS NULL AND "tickets"."deleted_at" IS NULL;