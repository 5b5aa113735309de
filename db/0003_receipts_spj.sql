CREATE TABLE `receipt_files` (
	`id` integer PRIMARY KEY NOT NULL,
	`receipt_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`kind` text NOT NULL,
	`original_name` text NOT NULL,
	FOREIGN KEY (`receipt_id`) REFERENCES `receipts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `evidence_files`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `receipt_files_receipt_idx` ON `receipt_files` (`receipt_id`);--> statement-breakpoint
CREATE INDEX `receipt_files_sha_idx` ON `receipt_files` (`sha256`);--> statement-breakpoint
CREATE TABLE `receipt_items` (
	`id` integer PRIMARY KEY NOT NULL,
	`receipt_id` integer NOT NULL,
	`name` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price` integer NOT NULL,
	FOREIGN KEY (`receipt_id`) REFERENCES `receipts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "receipt_items_positive" CHECK("receipt_items"."quantity" > 0 AND "receipt_items"."unit_price" > 0)
);
--> statement-breakpoint
CREATE INDEX `receipt_items_receipt_idx` ON `receipt_items` (`receipt_id`);--> statement-breakpoint
CREATE TABLE `receipts` (
	`id` integer PRIMARY KEY NOT NULL,
	`rt_id` integer NOT NULL,
	`year` integer NOT NULL,
	`date` text NOT NULL,
	`category` text NOT NULL,
	`description` text NOT NULL,
	`vendor` text NOT NULL,
	`nota_number` text,
	`amount` integer NOT NULL,
	`status` text NOT NULL,
	`flags` text DEFAULT '[]' NOT NULL,
	`note` text,
	`submitted_by` integer,
	`submitted_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`entry_id` integer,
	`reversal_entry_id` integer,
	`request_key` text NOT NULL,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`year`) REFERENCES `programme_year`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reversal_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "receipts_amount_positive" CHECK("receipts"."amount" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `receipts_request_key_uq` ON `receipts` (`request_key`);--> statement-breakpoint
CREATE INDEX `receipts_rt_year_idx` ON `receipts` (`rt_id`,`year`);--> statement-breakpoint
CREATE INDEX `receipts_status_idx` ON `receipts` (`status`);--> statement-breakpoint
CREATE INDEX `receipts_nota_idx` ON `receipts` (`vendor`,`nota_number`,`amount`,`date`);--> statement-breakpoint
CREATE TABLE `spj_reports` (
	`id` integer PRIMARY KEY NOT NULL,
	`rt_id` integer NOT NULL,
	`year` integer NOT NULL,
	`month` text NOT NULL,
	`status` text NOT NULL,
	`opening_cash` integer NOT NULL,
	`received` integer NOT NULL,
	`spent` integer NOT NULL,
	`closing_cash` integer NOT NULL,
	`receipt_count` integer NOT NULL,
	`submitted_by` integer,
	`submitted_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`note` text,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`year`) REFERENCES `programme_year`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `spj_rt_month_uq` ON `spj_reports` (`rt_id`,`year`,`month`);--> statement-breakpoint
CREATE INDEX `spj_status_idx` ON `spj_reports` (`status`);