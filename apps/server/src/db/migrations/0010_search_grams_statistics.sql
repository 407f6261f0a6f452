-- A quick search's plan follows the planner's estimate of how many customers hold its grams.
-- With the default target (100) only the ~1,000 most common grams have a measured frequency and
-- every other is guessed at half the rarest of those (2,398 of 1M for a name seen 14 times), so
-- the list walks the whole table in order looking for them. 1,000 keeps ~10,000 grams measured.
ALTER TABLE "customers" ALTER COLUMN "search_grams" SET STATISTICS 1000;
