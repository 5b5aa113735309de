CREATE TABLE `document_numbers` (
	`id` integer PRIMARY KEY NOT NULL,
	`kelurahan_code` text NOT NULL,
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`doc_key` text NOT NULL,
	`number` text NOT NULL,
	`issued_at` text NOT NULL,
	`issued_by` integer,
	FOREIGN KEY (`kelurahan_code`) REFERENCES `kelurahan`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "document_numbers_seq_positive" CHECK("document_numbers"."seq" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_numbers_key_uq` ON `document_numbers` (`doc_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `document_numbers_seq_uq` ON `document_numbers` (`kelurahan_code`,`kind`,`year`,`seq`);--> statement-breakpoint
ALTER TABLE `kelurahan` ADD `address` text;--> statement-breakpoint
ALTER TABLE `kelurahan` ADD `office_code` text;--> statement-breakpoint
ALTER TABLE `kelurahan` ADD `lurah_name` text;--> statement-breakpoint
ALTER TABLE `kelurahan` ADD `lurah_nip` text;--> statement-breakpoint
ALTER TABLE `kelurahan` ADD `bendahara_name` text;--> statement-breakpoint
ALTER TABLE `kelurahan` ADD `bendahara_nip` text;--> statement-breakpoint
ALTER TABLE `receipts` ADD `number` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `receipts_rt_year_number_uq` ON `receipts` (`rt_id`,`year`,`number`);--> statement-breakpoint
-- custom SQL (keep on merge)
-- Every receipt already recorded gets its RT's number in the year, in date order (then id order).
UPDATE receipts SET number = (
  SELECT COUNT(*) FROM receipts r2
  WHERE r2.rt_id = receipts.rt_id AND r2.year = receipts.year
    AND (r2.date < receipts.date OR (r2.date = receipts.date AND r2.id <= receipts.id))
);
