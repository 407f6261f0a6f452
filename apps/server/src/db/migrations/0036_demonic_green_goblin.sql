CREATE TABLE "contract_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"expiry_reminder_days" integer DEFAULT 30 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"order_id" uuid,
	"quote_id" uuid,
	"amount" numeric(18, 2) NOT NULL,
	"signed_at" date,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"our_company" text,
	"our_signatory" text,
	"their_company" text,
	"their_signatory" text,
	"terms" text,
	"status" text NOT NULL,
	"approval_id" uuid,
	"terminated_at" timestamp with time zone,
	"termination_reason" text,
	"owner_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"expiry_notified_for" date,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"contract_id" uuid,
	"order_id" uuid,
	"customer_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"title" text NOT NULL,
	"tax_number" text,
	"type" text NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reject_reason" text,
	"invoice_number" text,
	"issued_on" date
);
--> statement-breakpoint
CREATE TABLE "payment_allocations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"amount" numeric(18, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"contract_id" uuid,
	"order_id" uuid,
	"customer_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"paid" numeric(18, 2) DEFAULT '0' NOT NULL,
	"note" text,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"contract_id" uuid,
	"order_id" uuid,
	"customer_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"plan_id" uuid,
	"amount" numeric(18, 2) NOT NULL,
	"applied" numeric(18, 2) DEFAULT '0' NOT NULL,
	"prepaid" numeric(18, 2) DEFAULT '0' NOT NULL,
	"paid_at" date NOT NULL,
	"method_id" uuid NOT NULL,
	"payer" text,
	"prepayment" boolean DEFAULT false NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"approval_id" uuid
);
--> statement-breakpoint
CREATE TABLE "receivable_accounts" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_number_uq" ON "contracts" USING btree ("tenant_id","number") WHERE "contracts"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "contracts_created_idx" ON "contracts" USING btree ("tenant_id","created_at","id") WHERE "contracts"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "contracts_owner_idx" ON "contracts" USING btree ("tenant_id","owner_id","created_at") WHERE "contracts"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "contracts_department_idx" ON "contracts" USING btree ("tenant_id","department_id","created_at") WHERE "contracts"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "contracts_customer_idx" ON "contracts" USING btree ("tenant_id","customer_id","created_at") WHERE "contracts"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "contracts_active_end_idx" ON "contracts" USING btree ("tenant_id","end_date") WHERE "contracts"."deleted_at" IS NULL AND "contracts"."status" = 'active';--> statement-breakpoint
CREATE INDEX "invoices_created_idx" ON "invoices" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "invoices_contract_idx" ON "invoices" USING btree ("tenant_id","contract_id");--> statement-breakpoint
CREATE INDEX "invoices_order_idx" ON "invoices" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE INDEX "invoices_owner_idx" ON "invoices" USING btree ("tenant_id","owner_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_allocations_payment_idx" ON "payment_allocations" USING btree ("tenant_id","payment_id");--> statement-breakpoint
CREATE INDEX "payment_allocations_plan_idx" ON "payment_allocations" USING btree ("tenant_id","plan_id");--> statement-breakpoint
CREATE INDEX "payment_plans_contract_idx" ON "payment_plans" USING btree ("tenant_id","contract_id") WHERE "payment_plans"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "payment_plans_order_idx" ON "payment_plans" USING btree ("tenant_id","order_id") WHERE "payment_plans"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "payment_plans_due_idx" ON "payment_plans" USING btree ("tenant_id","due_date","id") WHERE "payment_plans"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "payment_plans_open_idx" ON "payment_plans" USING btree ("tenant_id","due_date") WHERE "payment_plans"."deleted_at" IS NULL AND "payment_plans"."paid" < "payment_plans"."amount";--> statement-breakpoint
CREATE INDEX "payments_paid_idx" ON "payments" USING btree ("tenant_id","paid_at","id");--> statement-breakpoint
CREATE INDEX "payments_contract_idx" ON "payments" USING btree ("tenant_id","contract_id");--> statement-breakpoint
CREATE INDEX "payments_order_idx" ON "payments" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE INDEX "payments_owner_idx" ON "payments" USING btree ("tenant_id","owner_id","paid_at");