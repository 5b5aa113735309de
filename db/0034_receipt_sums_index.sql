-- custom SQL (keep on merge)
-- An RT's sums of a year (held back, used per category and per month: each upload asks ~7 of them,
-- before its files and again in its transaction) read from this index alone: category, status,
-- date and amount beside the RT and year. Before, each sum fetched every receipt of the RT's
-- year from the table, so an upload in December cost twice one in July (the upload bench's
-- chairs, at ~350 receipts each: 10 ms of the server's thread per upload instead of 5).
DROP INDEX IF EXISTS `receipts_rt_year_idx`;
--> statement-breakpoint
CREATE INDEX `receipts_rt_year_idx` ON `receipts` (`rt_id`, `year`, `category`, `status`, `date`, `amount`);
