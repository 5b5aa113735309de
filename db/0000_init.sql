CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY NOT NULL,
	`year` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`rt_id` integer,
	`category` text,
	`balance` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`year`) REFERENCES `programme_year`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_year_name_uq` ON `accounts` (`year`,`name`);--> statement-breakpoint
CREATE INDEX `accounts_rt_idx` ON `accounts` (`rt_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_user_id` integer,
	`actor_name` text NOT NULL,
	`actor_role` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`kelurahan_code` text,
	`kecamatan_code` text,
	`summary` text NOT NULL,
	`ip` text
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_log` (`actor_name`);--> statement-breakpoint
CREATE INDEX `audit_kelurahan_idx` ON `audit_log` (`kelurahan_code`);--> statement-breakpoint
CREATE TABLE `journal_entries` (
	`id` integer PRIMARY KEY NOT NULL,
	`year` integer NOT NULL,
	`event_type` text NOT NULL,
	`event_ref` text NOT NULL,
	`description` text NOT NULL,
	`actor` text NOT NULL,
	`occurred_on` text NOT NULL,
	`recorded_at` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`reverses_entry_id` integer,
	`reason` text,
	`posting_count` integer NOT NULL,
	`debit_total` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`year`) REFERENCES `programme_year`(`year`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "journal_posting_count" CHECK("journal_entries"."posting_count" >= 2),
	CONSTRAINT "journal_debit_total" CHECK("journal_entries"."debit_total" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journal_idempotency_uq` ON `journal_entries` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `journal_reverses_uq` ON `journal_entries` (`reverses_entry_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `journal_hash_uq` ON `journal_entries` (`hash`);--> statement-breakpoint
CREATE INDEX `journal_year_idx` ON `journal_entries` (`year`);--> statement-breakpoint
CREATE INDEX `journal_event_idx` ON `journal_entries` (`event_type`,`event_ref`);--> statement-breakpoint
CREATE TABLE `kecamatan` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kelurahan` (
	`code` text PRIMARY KEY NOT NULL,
	`kecamatan_code` text NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`kecamatan_code`) REFERENCES `kecamatan`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `kelurahan_kecamatan_idx` ON `kelurahan` (`kecamatan_code`);--> statement-breakpoint
CREATE TABLE `postings` (
	`id` integer PRIMARY KEY NOT NULL,
	`entry_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`amount` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "postings_amount_nonzero" CHECK("postings"."amount" <> 0)
);
--> statement-breakpoint
CREATE INDEX `postings_entry_idx` ON `postings` (`entry_id`);--> statement-breakpoint
CREATE INDEX `postings_account_amount_idx` ON `postings` (`account_id`,`amount`);--> statement-breakpoint
CREATE TABLE `programme_year` (
	`year` integer PRIMARY KEY NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`allocation_per_rt` integer NOT NULL,
	`disbursement_mode` text NOT NULL,
	`rules` text NOT NULL,
	`spj_due_day` integer NOT NULL,
	`final_report_due` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "programme_year_allocation_positive" CHECK("programme_year"."allocation_per_rt" > 0),
	CONSTRAINT "programme_year_dates" CHECK("programme_year"."starts_on" <= "programme_year"."ends_on")
);
--> statement-breakpoint
CREATE TABLE `rt` (
	`id` integer PRIMARY KEY NOT NULL,
	`rw_id` integer NOT NULL,
	`kelurahan_code` text NOT NULL,
	`number` integer NOT NULL,
	`chair_name` text NOT NULL,
	`secretary_name` text,
	`treasurer_name` text,
	`bank_account` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`rw_id`) REFERENCES `rw`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kelurahan_code`) REFERENCES `kelurahan`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rt_bank_account_10_digits" CHECK(length("rt"."bank_account") = 10 AND "rt"."bank_account" NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rt_rw_number_uq` ON `rt` (`rw_id`,`number`);--> statement-breakpoint
CREATE INDEX `rt_kelurahan_idx` ON `rt` (`kelurahan_code`);--> statement-breakpoint
CREATE TABLE `rw` (
	`id` integer PRIMARY KEY NOT NULL,
	`kelurahan_code` text NOT NULL,
	`number` integer NOT NULL,
	FOREIGN KEY (`kelurahan_code`) REFERENCES `kelurahan`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rw_kelurahan_number_uq` ON `rw` (`kelurahan_code`,`number`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`flash` text,
	`ip` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`kelurahan_code` text,
	`rt_id` integer,
	`kecamatan_codes` text,
	`active` integer DEFAULT true NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`kelurahan_code`) REFERENCES `kelurahan`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_scope" CHECK(("users"."role" = 'bendahara' AND "users"."kelurahan_code" IS NOT NULL) OR ("users"."role" = 'ketua_rt' AND "users"."rt_id" IS NOT NULL) OR "users"."role" IN ('admin', 'auditor'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_uq` ON `users` (`username`);