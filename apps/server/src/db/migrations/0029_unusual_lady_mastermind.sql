CREATE TABLE "approval_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"approval_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"step_idx" integer,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_flow_versions" (
	"tenant_id" uuid NOT NULL,
	"flow_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"steps" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "approval_flow_versions_flow_id_version_pk" PRIMARY KEY("flow_id","version")
);
--> statement-breakpoint
CREATE TABLE "approval_flows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"document_type" text NOT NULL,
	"min_amount" numeric(18, 2),
	"max_amount" numeric(18, 2),
	"department_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"steps" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "approval_steps" (
	"tenant_id" uuid NOT NULL,
	"approval_id" uuid NOT NULL,
	"idx" integer NOT NULL,
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"note" text,
	"role_id" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "approval_steps_approval_id_idx_pk" PRIMARY KEY("approval_id","idx")
);
--> statement-breakpoint
CREATE TABLE "approval_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"approval_id" uuid NOT NULL,
	"step_idx" integer NOT NULL,
	"approver_id" uuid NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"comment" text,
	"activated_at" timestamp with time zone,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "approvals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"document_type" text NOT NULL,
	"document_id" uuid NOT NULL,
	"title" text NOT NULL,
	"amount" numeric(18, 2),
	"department_id" uuid NOT NULL,
	"submitter_id" uuid NOT NULL,
	"flow_id" uuid NOT NULL,
	"flow_version" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"current_step" integer DEFAULT 0 NOT NULL,
	"step_count" integer NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "approval_events_approval_idx" ON "approval_events" USING btree ("approval_id","created_at","id");--> statement-breakpoint
CREATE INDEX "approval_flows_type_idx" ON "approval_flows" USING btree ("tenant_id","document_type") WHERE "approval_flows"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "approval_tasks_approval_idx" ON "approval_tasks" USING btree ("approval_id","step_idx");--> statement-breakpoint
CREATE INDEX "approval_tasks_pending_idx" ON "approval_tasks" USING btree ("tenant_id","approver_id","activated_at","id") WHERE "approval_tasks"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "approval_tasks_done_idx" ON "approval_tasks" USING btree ("tenant_id","approver_id","decided_at","id") WHERE "approval_tasks"."status" IN ('approved', 'rejected', 'returned');--> statement-breakpoint
CREATE INDEX "approvals_submitter_idx" ON "approvals" USING btree ("tenant_id","submitter_id","created_at","id");--> statement-breakpoint
CREATE INDEX "approvals_document_idx" ON "approvals" USING btree ("tenant_id","document_type","document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "approvals_document_pending_uq" ON "approvals" USING btree ("tenant_id","document_type","document_id") WHERE "approvals"."status" = 'pending';