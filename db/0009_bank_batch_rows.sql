CREATE TABLE `bank_batch_rows` (
	`id` integer PRIMARY KEY NOT NULL,
	`batch_id` integer NOT NULL,
	`tranche_id` integer NOT NULL,
	`rt_id` integer NOT NULL,
	`rt_label` text NOT NULL,
	`bank_account` text NOT NULL,
	`account_name` text NOT NULL,
	`amount` integer NOT NULL,
	`reference` text NOT NULL,
	`description` text NOT NULL,
	`status` text DEFAULT 'sent' NOT NULL,
	`bank_reference` text,
	`paid_on` text,
	`failure_reason` text,
	`answered_by` integer,
	`answered_at` text,
	`entry_id` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `bank_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tranche_id`) REFERENCES `tranches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `journal_entries`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bank_batch_rows_amount_positive" CHECK("bank_batch_rows"."amount" > 0),
	CONSTRAINT "bank_batch_rows_answer" CHECK(("bank_batch_rows"."status" = 'paid' AND "bank_batch_rows"."bank_reference" IS NOT NULL AND "bank_batch_rows"."paid_on" IS NOT NULL) OR ("bank_batch_rows"."status" = 'failed' AND "bank_batch_rows"."failure_reason" IS NOT NULL) OR "bank_batch_rows"."status" IN ('sent', 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX `bank_batch_rows_batch_idx` ON `bank_batch_rows` (`batch_id`);--> statement-breakpoint
CREATE INDEX `bank_batch_rows_tranche_idx` ON `bank_batch_rows` (`tranche_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `bank_batch_rows_live_uq` ON `bank_batch_rows` (`tranche_id`) WHERE status IN ('sent', 'paid');--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_users` (
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
	CONSTRAINT "users_scope" CHECK(("__new_users"."role" = 'bendahara' AND "__new_users"."kelurahan_code" IS NOT NULL) OR ("__new_users"."role" = 'ketua_rt' AND "__new_users"."rt_id" IS NOT NULL) OR "__new_users"."role" IN ('admin', 'auditor', 'bpkad'))
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "username", "display_name", "password_hash", "role", "kelurahan_code", "rt_id", "kecamatan_codes", "active", "must_change_password", "failed_logins", "locked_until", "created_at") SELECT "id", "username", "display_name", "password_hash", "role", "kelurahan_code", "rt_id", "kecamatan_codes", "active", "must_change_password", "failed_logins", "locked_until", "created_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_uq` ON `users` (`username`);--> statement-breakpoint
ALTER TABLE `bank_batches` ADD `status` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `bank_batches` ADD `csv_file` blob;--> statement-breakpoint
ALTER TABLE `bank_batches` ADD `csv_sha256` text;--> statement-breakpoint
ALTER TABLE `bank_batches` ADD `cancelled_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `bank_batches` ADD `cancelled_at` text;--> statement-breakpoint
ALTER TABLE `bank_batches` ADD `cancel_reason` text;
--> statement-breakpoint
-- custom SQL (keep on merge)
-- Batches made before this migration: their rows as the tranches in them stand now (reversed tranches
-- had already left them), answered "paid" with the batch's payment when it was marked paid. Their CSV
-- file is stored at its first download (from these fixed rows).
INSERT INTO `bank_batch_rows` (`batch_id`, `tranche_id`, `rt_id`, `rt_label`, `bank_account`, `account_name`, `amount`, `reference`, `description`, `status`, `bank_reference`, `paid_on`, `answered_by`, `answered_at`)
SELECT t.batch_id, t.id, t.rt_id, printf('RT %03d / RW %03d', r.number, w.number), r.bank_account, printf('RT %03d / RW %03d Kel. %s', r.number, w.number, k.name), t.amount,
  'DANART-' || t.year || '-' || k.code || '-T' || t.id,
  'Dana operasional RT ' || CASE t.mode WHEN 'staged' THEN 'Tahap ' || t.period ELSE (CASE substr(t.period, 6, 2) WHEN '01' THEN 'Januari' WHEN '02' THEN 'Februari' WHEN '03' THEN 'Maret' WHEN '04' THEN 'April' WHEN '05' THEN 'Mei' WHEN '06' THEN 'Juni' WHEN '07' THEN 'Juli' WHEN '08' THEN 'Agustus' WHEN '09' THEN 'September' WHEN '10' THEN 'Oktober' WHEN '11' THEN 'November' WHEN '12' THEN 'Desember' ELSE t.period END) || ' ' || substr(t.period, 1, 4) END,
  CASE WHEN b.paid_at IS NOT NULL THEN 'paid' ELSE 'sent' END,
  CASE WHEN b.paid_at IS NOT NULL THEN 'BATCH-' || b.id END,
  CASE WHEN b.paid_at IS NOT NULL THEN date(b.paid_at, '+7 hours') END,
  b.paid_by, b.paid_at
FROM tranches t JOIN bank_batches b ON b.id = t.batch_id JOIN rt r ON r.id = t.rt_id JOIN rw w ON w.id = r.rw_id JOIN kelurahan k ON k.code = r.kelurahan_code
ORDER BY t.batch_id, w.number, r.number;--> statement-breakpoint
UPDATE `bank_batches` SET `status` = 'paid' WHERE `paid_at` IS NOT NULL;
