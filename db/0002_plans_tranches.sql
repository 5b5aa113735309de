CREATE TABLE `bank_batches` (
	`id` integer PRIMARY KEY NOT NULL,
	`kelurahan_code` text NOT NULL,
	`year` integer NOT NULL,
	`row_count` integer NOT NULL,
	`total` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`paid_by` integer,
	`paid_at` text,
	FOREIGN KEY (`kelurahan_code`) REFERENCES `kelurahan`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`year`) REFERENCES `programme_year`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`paid_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bank_batches_kelurahan_idx` ON `bank_batches` (`kelurahan_code`);--> statement-breakpoint
CREATE TABLE `evidence_files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `plan_lines` (
	`id` integer PRIMARY KEY NOT NULL,
	`plan_id` integer NOT NULL,
	`category` text NOT NULL,
	`description` text NOT NULL,
	`amount` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "plan_lines_amount_positive" CHECK("plan_lines"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `plan_lines_plan_idx` ON `plan_lines` (`plan_id`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` integer PRIMARY KEY NOT NULL,
	`rt_id` integer NOT NULL,
	`year` integer NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`berita_acara_sha256` text,
	`berita_acara_name` text,
	`total` integer DEFAULT 0 NOT NULL,
	`submitted_by` integer,
	`submitted_at` text,
	`decided_by` integer,
	`decided_at` text,
	`note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`year`) REFERENCES `programme_year`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`berita_acara_sha256`) REFERENCES `evidence_files`(`sha256`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plans_rt_year_version_uq` ON `plans` (`rt_id`,`year`,`version`);--> statement-breakpoint
CREATE INDEX `plans_status_idx` ON `plans` (`status`);--> statement-breakpoint
CREATE TABLE `tranche_lines` (
	`id` integer PRIMARY KEY NOT NULL,
	`tranche_id` integer NOT NULL,
	`category` text NOT NULL,
	`description` text NOT NULL,
	`amount` integer NOT NULL,
	FOREIGN KEY (`tranche_id`) REFERENCES `tranches`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tranche_lines_amount_positive" CHECK("tranche_lines"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `tranche_lines_tranche_idx` ON `tranche_lines` (`tranche_id`);--> statement-breakpoint
CREATE TABLE `tranches` (
	`id` integer PRIMARY KEY NOT NULL,
	`rt_id` integer NOT NULL,
	`year` integer NOT NULL,
	`mode` text NOT NULL,
	`period` text NOT NULL,
	`amount` integer NOT NULL,
	`status` text NOT NULL,
	`requested_by` integer,
	`requested_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`reason` text,
	`entry_id` integer,
	`reversal_entry_id` integer,
	`batch_id` integer,
	`paid_at` text,
	`request_key` text NOT NULL,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`year`) REFERENCES `programme_year`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reversal_entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tranches_amount_positive" CHECK("tranches"."amount" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tranches_request_key_uq` ON `tranches` (`request_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `tranches_live_period_uq` ON `tranches` (`rt_id`,`year`,`period`) WHERE status IN ('pending', 'approved', 'paid');--> statement-breakpoint
CREATE INDEX `tranches_status_idx` ON `tranches` (`status`);--> statement-breakpoint
CREATE INDEX `tranches_rt_year_idx` ON `tranches` (`rt_id`,`year`);--> statement-breakpoint
CREATE TABLE `year_closures` (
	`year` integer NOT NULL,
	`kelurahan_code` text NOT NULL,
	`closed_by` text NOT NULL,
	`closed_at` text NOT NULL,
	FOREIGN KEY (`year`) REFERENCES `programme_year`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kelurahan_code`) REFERENCES `kelurahan`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `year_closures_uq` ON `year_closures` (`year`,`kelurahan_code`);