ALTER TABLE `evidence_files` ADD `pixel_sha256` text;--> statement-breakpoint
ALTER TABLE `evidence_files` ADD `phash` text;--> statement-breakpoint
ALTER TABLE `evidence_files` ADD `phash_band0` integer;--> statement-breakpoint
ALTER TABLE `evidence_files` ADD `phash_band1` integer;--> statement-breakpoint
ALTER TABLE `evidence_files` ADD `phash_band2` integer;--> statement-breakpoint
ALTER TABLE `evidence_files` ADD `phash_band3` integer;--> statement-breakpoint
CREATE INDEX `evidence_files_pixel_idx` ON `evidence_files` (`pixel_sha256`);--> statement-breakpoint
CREATE INDEX `evidence_files_phash_band0_idx` ON `evidence_files` (`phash_band0`);--> statement-breakpoint
CREATE INDEX `evidence_files_phash_band1_idx` ON `evidence_files` (`phash_band1`);--> statement-breakpoint
CREATE INDEX `evidence_files_phash_band2_idx` ON `evidence_files` (`phash_band2`);--> statement-breakpoint
CREATE INDEX `evidence_files_phash_band3_idx` ON `evidence_files` (`phash_band3`);