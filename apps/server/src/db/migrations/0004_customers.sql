CREATE TABLE "dictionary_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"type" text NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"name_en" text,
	"code" text,
	"remark" text,
	"sort_order" integer NOT NULL,
	"valid" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"customer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"gender" text DEFAULT 'unknown' NOT NULL,
	"title" text,
	"department" text,
	"mobile" text,
	"phone" text,
	"email" text,
	"wechat" text,
	"birthday" date,
	"decision_role" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"remark" text,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customer_shares" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"customer_id" uuid NOT NULL,
	"user_id" uuid,
	"department_id" uuid,
	"access" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"number" text,
	"name" text NOT NULL,
	"short_name" text,
	"type" text DEFAULT 'direct' NOT NULL,
	"level_id" uuid,
	"source_id" uuid,
	"industry_id" uuid,
	"status_id" uuid,
	"intention_id" uuid,
	"region_id" uuid,
	"address" text,
	"lat" numeric(9, 6),
	"lng" numeric(9, 6),
	"phone" text,
	"mobile" text,
	"email" text,
	"website" text,
	"tax_number" text,
	"bank_name" text,
	"bank_account" text,
	"credit" smallint,
	"satisfaction" smallint,
	"legal_representative" text,
	"registered_capital" numeric(18, 2),
	"annual_turnover" numeric(18, 2),
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"profile" text,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" text NOT NULL,
	"owner_id" uuid,
	"department_id" uuid,
	"pool_id" uuid,
	"previous_owner_id" uuid,
	"owned_since" timestamp with time zone,
	"pool_entered_at" timestamp with time zone,
	"last_follow_up_at" timestamp with time zone,
	"next_follow_up_at" timestamp with time zone,
	"last_deal_at" timestamp with time zone,
	"protected_until" date,
	"submitted_at" timestamp with time zone,
	"name_key" text NOT NULL,
	"phone_key" text,
	"mobile_key" text,
	"tax_key" text,
	"email_key" text,
	"pinyin" text DEFAULT '' NOT NULL,
	"search_grams" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_codes" text DEFAULT '' NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "dictionary_items_name_uq" ON "dictionary_items" USING btree ("tenant_id","type",coalesce("parent_id", '00000000-0000-0000-0000-000000000000'::uuid),"name");--> statement-breakpoint
CREATE INDEX "dictionary_items_order_idx" ON "dictionary_items" USING btree ("tenant_id","type","parent_id","sort_order");--> statement-breakpoint
CREATE INDEX "contacts_customer_idx" ON "contacts" USING btree ("tenant_id","customer_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_created_idx" ON "contacts" USING btree ("tenant_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_primary_uq" ON "contacts" USING btree ("customer_id") WHERE is_primary AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_mobile_idx" ON "contacts" USING btree ("tenant_id","mobile") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "customer_shares_customer_idx" ON "customer_shares" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_shares_user_uq" ON "customer_shares" USING btree ("customer_id","user_id") WHERE "customer_shares"."user_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_shares_department_uq" ON "customer_shares" USING btree ("customer_id","department_id") WHERE "customer_shares"."department_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "customer_shares_user_idx" ON "customer_shares" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "customer_shares_department_idx" ON "customer_shares" USING btree ("tenant_id","department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_number_uq" ON "customers" USING btree ("tenant_id","number") WHERE "customers"."number" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "customers_created_idx" ON "customers" USING btree ("tenant_id","created_at","id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "customers_owner_idx" ON "customers" USING btree ("tenant_id","owner_id","created_at") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "customers_department_idx" ON "customers" USING btree ("tenant_id","department_id","created_at") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "customers_pool_idx" ON "customers" USING btree ("tenant_id","pool_id","pool_entered_at") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "customers_name_key_idx" ON "customers" USING btree ("tenant_id","name_key") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "customers_phone_key_idx" ON "customers" USING btree ("tenant_id","phone_key") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "customers_mobile_key_idx" ON "customers" USING btree ("tenant_id","mobile_key") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "customers_tax_key_idx" ON "customers" USING btree ("tenant_id","tax_key") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "customers_email_key_idx" ON "customers" USING btree ("tenant_id","email_key") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "customers_grams_idx" ON "customers" USING gin ("search_grams") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "customers_codes_trgm_idx" ON "customers" USING gin ("search_codes" gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "customers_creator_draft_idx" ON "customers" USING btree ("tenant_id","created_by") WHERE state = 'draft' AND deleted_at IS NULL;