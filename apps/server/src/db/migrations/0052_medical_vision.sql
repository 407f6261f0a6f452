ALTER TABLE "ticket_settings" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_settings_id_uq" ON "ticket_settings" USING btree ("id");