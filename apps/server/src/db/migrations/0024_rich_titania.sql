DROP INDEX "contacts_customer_idx";--> statement-breakpoint
DROP INDEX "follow_ups_occurred_idx";--> statement-breakpoint
DROP INDEX "follow_ups_customer_idx";--> statement-breakpoint
CREATE INDEX "contacts_customer_idx" ON "contacts" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "follow_ups_occurred_idx" ON "follow_ups" USING btree ("tenant_id","occurred_at","id","user_id") WHERE "follow_ups"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "follow_ups_customer_idx" ON "follow_ups" USING btree ("tenant_id","customer_id","occurred_at","id");