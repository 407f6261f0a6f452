CREATE TABLE "stock_balances" (
	"tenant_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"quantity" numeric(15, 3) DEFAULT '0' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_balances_tenant_id_product_id_warehouse_id_pk" PRIMARY KEY("tenant_id","product_id","warehouse_id"),
	CONSTRAINT "stock_balances_not_negative" CHECK ("stock_balances"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"move_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"product_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"location_id" uuid,
	"quantity" numeric(15, 3) NOT NULL,
	"balance_after" numeric(15, 3) NOT NULL,
	"note" text,
	"ref_type" text,
	"ref_id" uuid,
	"ref_number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "warehouse_locations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warehouses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"status" text DEFAULT 'active' NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "price_list_customers" (
	"tenant_id" uuid NOT NULL,
	"price_list_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	CONSTRAINT "price_list_customers_price_list_id_customer_id_pk" PRIMARY KEY("price_list_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "price_list_items" (
	"tenant_id" uuid NOT NULL,
	"price_list_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"price" numeric(18, 2) NOT NULL,
	CONSTRAINT "price_list_items_price_list_id_product_id_pk" PRIMARY KEY("price_list_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "price_list_levels" (
	"tenant_id" uuid NOT NULL,
	"price_list_id" uuid NOT NULL,
	"level_id" uuid NOT NULL,
	CONSTRAINT "price_list_levels_price_list_id_level_id_pk" PRIMARY KEY("price_list_id","level_id")
);
--> statement-breakpoint
CREATE TABLE "price_lists" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category_id" uuid,
	"model" text,
	"spec" text,
	"unit" uuid,
	"list_price" numeric(18, 2) NOT NULL,
	"cost" numeric(18, 2),
	"warranty_months" integer,
	"status" text DEFAULT 'on-sale' NOT NULL,
	"description" text,
	"search_text" text DEFAULT '' NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "stock_balances_warehouse_idx" ON "stock_balances" USING btree ("tenant_id","warehouse_id");--> statement-breakpoint
CREATE INDEX "stock_entries_product_idx" ON "stock_entries" USING btree ("tenant_id","product_id","created_at");--> statement-breakpoint
CREATE INDEX "stock_entries_warehouse_idx" ON "stock_entries" USING btree ("tenant_id","warehouse_id","created_at");--> statement-breakpoint
CREATE INDEX "stock_entries_created_idx" ON "stock_entries" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "stock_entries_ref_idx" ON "stock_entries" USING btree ("tenant_id","ref_id") WHERE "stock_entries"."ref_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "warehouse_locations_code_uq" ON "warehouse_locations" USING btree ("warehouse_id",lower("code"));--> statement-breakpoint
CREATE UNIQUE INDEX "warehouses_code_uq" ON "warehouses" USING btree ("tenant_id",lower("code")) WHERE "warehouses"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "price_list_customers_customer_idx" ON "price_list_customers" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "price_list_items_product_idx" ON "price_list_items" USING btree ("tenant_id","product_id");--> statement-breakpoint
CREATE INDEX "price_list_levels_level_idx" ON "price_list_levels" USING btree ("tenant_id","level_id");--> statement-breakpoint
CREATE INDEX "price_lists_valid_idx" ON "price_lists" USING btree ("tenant_id","valid_from") WHERE "price_lists"."deleted_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "products_code_uq" ON "products" USING btree ("tenant_id",lower("code")) WHERE "products"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "products_category_idx" ON "products" USING btree ("tenant_id","category_id") WHERE "products"."deleted_at" IS NULL;