ALTER TABLE "roles" ADD COLUMN "seeded_permissions" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- Seeded roles of existing tenants: what the seed last granted is unknown, so take what they hold
-- now. The start-up sync (organization/default-roles-sync.ts) then adds everything the seed grants
-- that they lack. A permission an admin deliberately removed before this migration cannot be told
-- apart from one the seed never granted, so it comes back once; removals after it stay removed.
UPDATE "roles" SET "seeded_permissions" = "permissions" WHERE "code" IS NOT NULL;
