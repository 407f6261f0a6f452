CREATE TABLE "member_level_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"from_level_id" uuid,
	"to_level_id" uuid NOT NULL,
	"cause" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "member_participations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"activity_id" uuid NOT NULL,
	"participated_at" date NOT NULL,
	"points" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "member_point_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"points" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"reason" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" uuid,
	"expires_at" timestamp with time zone,
	"remaining" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "member_point_entries_balance_not_negative" CHECK ("member_point_entries"."balance_after" >= 0),
	CONSTRAINT "member_point_entries_remaining_range" CHECK ("member_point_entries"."remaining" IS NULL OR ("member_point_entries"."remaining" >= 0 AND "member_point_entries"."remaining" <= "member_point_entries"."points"))
);
--> statement-breakpoint
CREATE TABLE "member_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"points_per_yuan" numeric(6, 2) NOT NULL,
	"expiry_months" integer NOT NULL,
	"participation_points" integer NOT NULL,
	"level_rules" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"contact_id" uuid,
	"level_id" uuid,
	"joined_at" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"lifetime_points" integer DEFAULT 0 NOT NULL,
	"lifetime_spend" numeric(18, 2) DEFAULT '0' NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "members_points_not_negative" CHECK ("members"."points" >= 0)
);
--> statement-breakpoint
CREATE INDEX "member_level_changes_member_idx" ON "member_level_changes" USING btree ("tenant_id","member_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "member_participations_uq" ON "member_participations" USING btree ("tenant_id","member_id","kind","activity_id");--> statement-breakpoint
CREATE INDEX "member_point_entries_member_idx" ON "member_point_entries" USING btree ("tenant_id","member_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "member_point_entries_source_uq" ON "member_point_entries" USING btree ("tenant_id","member_id","source_kind","source_id") WHERE "member_point_entries"."kind" = 'earn' AND "member_point_entries"."source_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "member_point_entries_expiry_idx" ON "member_point_entries" USING btree ("tenant_id","expires_at") WHERE "member_point_entries"."remaining" > 0;--> statement-breakpoint
CREATE UNIQUE INDEX "members_customer_uq" ON "members" USING btree ("tenant_id","customer_id") WHERE "members"."deleted_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "members_number_uq" ON "members" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "members_created_idx" ON "members" USING btree ("tenant_id","created_at","id");