-- custom SQL (keep on merge)
-- A grantee's links read in their order from its own index (the planner took the key index for
-- the ORDER BY and read every link of the year: 105 ms a grantee on the city, 2 ms now), and a
-- vendor's spread counted from the key index alone (rt_id and kelurahan_code beside the key).
DROP INDEX IF EXISTS `risk_links_rt_idx`;
--> statement-breakpoint
CREATE INDEX `risk_links_rt_idx` ON `risk_links` (`year`, `rt_id`, `kind`, `key`);
--> statement-breakpoint
DROP INDEX IF EXISTS `risk_links_key_idx`;
--> statement-breakpoint
CREATE INDEX `risk_links_key_idx` ON `risk_links` (`year`, `kind`, `key`, `rt_id`, `kelurahan_code`);
