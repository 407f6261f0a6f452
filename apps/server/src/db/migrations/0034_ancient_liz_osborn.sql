CREATE TABLE "order_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"product_code" text NOT NULL,
	"product_name" text NOT NULL,
	"model" text,
	"spec" text,
	"unit_name" text,
	"quantity" numeric(15, 3) NOT NULL,
	"unit_price" numeric(18, 2) NOT NULL,
	"discount_percent" numeric(5, 2) DEFAULT '0' NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"unit_cost" numeric(18, 2),
	"cost" numeric(18, 2)
);
--> statement-breakpoint
CREATE TABLE "order_status_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"quote_id" uuid,
	"owner_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"status" text NOT NULL,
	"ordered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"notes" text,
	"tax_rate" numeric(5, 2) DEFAULT '0' NOT NULL,
	"subtotal" numeric(18, 2) NOT NULL,
	"tax" numeric(18, 2) NOT NULL,
	"total" numeric(18, 2) NOT NULL,
	"cost" numeric(18, 2),
	"warehouse_id" uuid,
	"confirmed_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "quote_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"quote_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"product_code" text NOT NULL,
	"product_name" text NOT NULL,
	"model" text,
	"spec" text,
	"unit_name" text,
	"quantity" numeric(15, 3) NOT NULL,
	"unit_price" numeric(18, 2) NOT NULL,
	"discount_percent" numeric(5, 2) DEFAULT '0' NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"unit_cost" numeric(18, 2),
	"cost" numeric(18, 2)
);
--> statement-breakpoint
CREATE TABLE "quote_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"discount_threshold" numeric(5, 2) DEFAULT '15' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"opportunity_id" uuid,
	"owner_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"status" text NOT NULL,
	"valid_until" date NOT NULL,
	"notes" text,
	"tax_rate" numeric(5, 2) DEFAULT '0' NOT NULL,
	"subtotal" numeric(18, 2) NOT NULL,
	"tax" numeric(18, 2) NOT NULL,
	"total" numeric(18, 2) NOT NULL,
	"cost" numeric(18, 2),
	"max_discount" numeric(5, 2) DEFAULT '0' NOT NULL,
	"approval_id" uuid,
	"approval_outcome" text,
	"approval_comment" text,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"order_id" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "last_order_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "order_lines_order_idx" ON "order_lines" USING btree ("tenant_id","order_id","position");--> statement-breakpoint
CREATE INDEX "order_lines_product_idx" ON "order_lines" USING btree ("tenant_id","product_id");--> statement-breakpoint
CREATE INDEX "order_status_history_order_idx" ON "order_status_history" USING btree ("tenant_id","order_id","at");--> statement-breakpoint
CREATE INDEX "orders_ordered_idx" ON "orders" USING btree ("tenant_id","ordered_at","id") WHERE "orders"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "orders_owner_idx" ON "orders" USING btree ("tenant_id","owner_id","ordered_at") WHERE "orders"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "orders_department_idx" ON "orders" USING btree ("tenant_id","department_id","ordered_at") WHERE "orders"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders" USING btree ("tenant_id","customer_id","ordered_at","id") WHERE "orders"."deleted_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_quote_uq" ON "orders" USING btree ("tenant_id","quote_id") WHERE "orders"."quote_id" IS NOT NULL AND "orders"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "quote_lines_quote_idx" ON "quote_lines" USING btree ("tenant_id","quote_id","position");--> statement-breakpoint
CREATE INDEX "quotes_created_idx" ON "quotes" USING btree ("tenant_id","created_at","id") WHERE "quotes"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_owner_idx" ON "quotes" USING btree ("tenant_id","owner_id","created_at") WHERE "quotes"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_department_idx" ON "quotes" USING btree ("tenant_id","department_id","created_at") WHERE "quotes"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_customer_idx" ON "quotes" USING btree ("tenant_id","customer_id") WHERE "quotes"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "quotes_sent_idx" ON "quotes" USING btree ("tenant_id","valid_until") WHERE "quotes"."status" = 'sent' AND "quotes"."deleted_at" IS NULL;