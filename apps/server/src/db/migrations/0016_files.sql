CREATE TABLE "file_chunks" (
	"file_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"size" bigint NOT NULL,
	"mime_type" text NOT NULL,
	"sha256" text NOT NULL,
	"storage" text NOT NULL,
	"width" integer,
	"height" integer,
	"thumbnail_id" uuid
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "file_max_bytes" integer DEFAULT 20971520 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "file_chunks_pk" ON "file_chunks" USING btree ("file_id","seq");--> statement-breakpoint
CREATE INDEX "files_record_idx" ON "files" USING btree ("tenant_id","entity","entity_id","created_at");