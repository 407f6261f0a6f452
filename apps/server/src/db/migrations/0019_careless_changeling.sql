CREATE TABLE "track_points" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"accuracy" real NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "track_points_tenant_id_user_id_at_pk" PRIMARY KEY("tenant_id","user_id","at")
);
--> statement-breakpoint
CREATE INDEX "track_points_day_idx" ON "track_points" USING btree ("tenant_id","at");