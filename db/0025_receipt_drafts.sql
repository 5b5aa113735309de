CREATE TABLE `receipt_draft_files` (
	`id` integer PRIMARY KEY NOT NULL,
	`draft_id` integer NOT NULL,
	`field` text NOT NULL,
	`name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`content` blob NOT NULL,
	FOREIGN KEY (`draft_id`) REFERENCES `receipt_drafts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `receipt_draft_files_draft_idx` ON `receipt_draft_files` (`draft_id`);--> statement-breakpoint
CREATE TABLE `receipt_drafts` (
	`id` integer PRIMARY KEY NOT NULL,
	`rt_id` integer NOT NULL,
	`year` integer NOT NULL,
	`request_key` text NOT NULL,
	`fields` text NOT NULL,
	`bytes` integer NOT NULL,
	`saved_by` integer,
	`saved_at` text NOT NULL,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`saved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `receipt_drafts_request_key_uq` ON `receipt_drafts` (`request_key`);--> statement-breakpoint
CREATE INDEX `receipt_drafts_rt_idx` ON `receipt_drafts` (`rt_id`,`year`);