DROP INDEX "webhook_deliveries_audit_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_event_uq" ON "webhook_deliveries" USING btree ("subscription_id","audit_id","event");