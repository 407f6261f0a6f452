DROP INDEX "customer_month_rollups_department_idx";--> statement-breakpoint
DROP INDEX "customer_month_rollups_tenant_idx";--> statement-breakpoint
CREATE INDEX "customer_month_rollups_department_idx" ON "customer_month_rollups" USING btree ("tenant_id","dim","department_id","month","key","customers") WHERE NOT "customer_month_rollups"."tenant_wide";--> statement-breakpoint
CREATE INDEX "customer_month_rollups_tenant_idx" ON "customer_month_rollups" USING btree ("tenant_id","dim","month","key","customers") WHERE "customer_month_rollups"."tenant_wide";