-- custom SQL (keep on merge)
-- A grantee belongs to a programme (OPS: the RT/RW operational grant, Perwal 32/2025; others, e.g.
-- PKK of Perwal 47/2025, configured in the year's settings). Every existing row is OPS's.
ALTER TABLE `rt` ADD `programme` text DEFAULT 'OPS' NOT NULL;
--> statement-breakpoint
DROP INDEX IF EXISTS `rt_rw_number_uq`;
--> statement-breakpoint
CREATE UNIQUE INDEX `rt_rw_number_uq` ON `rt` (`rw_id`,`number`,`programme`);
