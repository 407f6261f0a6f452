CREATE TABLE "kb_article_views" (
	"tenant_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "kb_article_views_article_id_user_id_day_pk" PRIMARY KEY("article_id","user_id","day")
);
--> statement-breakpoint
CREATE TABLE "kb_article_votes" (
	"tenant_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"helpful" boolean NOT NULL,
	"voted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_article_votes_article_id_user_id_pk" PRIMARY KEY("article_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "kb_articles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"category_id" uuid,
	"content" text NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"view_count" integer DEFAULT 0 NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "kb_ticket_solutions" (
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "kb_ticket_solutions_ticket_id_article_id_pk" PRIMARY KEY("ticket_id","article_id")
);
--> statement-breakpoint
CREATE INDEX "kb_articles_list_idx" ON "kb_articles" USING btree ("tenant_id","status","updated_at") WHERE "kb_articles"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "kb_articles_category_idx" ON "kb_articles" USING btree ("tenant_id","category_id") WHERE "kb_articles"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "kb_ticket_solutions_article_idx" ON "kb_ticket_solutions" USING btree ("tenant_id","article_id");