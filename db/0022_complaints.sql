CREATE TABLE `complaint_attempts` (
	`id` integer PRIMARY KEY NOT NULL,
	`address_key` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `complaint_attempts_address_idx` ON `complaint_attempts` (`address_key`,`at`);--> statement-breakpoint
CREATE INDEX `complaint_attempts_at_idx` ON `complaint_attempts` (`at`);--> statement-breakpoint
CREATE TABLE `complaints` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`target_kind` text NOT NULL,
	`rt_id` integer,
	`rw_id` integer NOT NULL,
	`kelurahan_code` text NOT NULL,
	`kecamatan_code` text NOT NULL,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`sender_name` text,
	`sender_phone` text,
	`message_key` text NOT NULL,
	`received_at` text NOT NULL,
	`received_on` text NOT NULL,
	`first_deadline_on` text NOT NULL,
	`level` integer DEFAULT 0 NOT NULL,
	`deadline_on` text NOT NULL,
	`assigned_user_id` integer,
	`assigned_role` text NOT NULL,
	`escalated_at` text,
	`answer` text,
	`answered_at` text,
	`answered_on` text,
	`answered_by_user_id` integer,
	`answered_by_role` text,
	`published_at` text,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rw_id`) REFERENCES `rw`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "complaints_level_ck" CHECK("complaints"."level" in (0, 1, 2))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `complaints_code_uq` ON `complaints` (`code`);--> statement-breakpoint
CREATE INDEX `complaints_rt_idx` ON `complaints` (`rt_id`);--> statement-breakpoint
CREATE INDEX `complaints_rw_idx` ON `complaints` (`rw_id`);--> statement-breakpoint
CREATE INDEX `complaints_kelurahan_idx` ON `complaints` (`kelurahan_code`);--> statement-breakpoint
CREATE INDEX `complaints_open_idx` ON `complaints` (`answered_at`,`first_deadline_on`);--> statement-breakpoint
CREATE INDEX `complaints_due_idx` ON `complaints` (`answered_at`,`deadline_on`);--> statement-breakpoint
CREATE INDEX `complaints_duplicate_idx` ON `complaints` (`message_key`,`received_at`);--> statement-breakpoint

-- custom SQL (keep on merge)
-- A published answer and the question it answers are final; a complaint is never deleted.
CREATE TRIGGER complaints_answer_final BEFORE UPDATE ON complaints
WHEN OLD.answered_at IS NOT NULL AND (NEW.answer IS NOT OLD.answer OR NEW.message IS NOT OLD.message OR NEW.answered_at IS NOT OLD.answered_at)
BEGIN SELECT RAISE(ABORT, 'complaint answer is final'); END;
--> statement-breakpoint
CREATE TRIGGER complaints_no_delete BEFORE DELETE ON complaints
BEGIN SELECT RAISE(ABORT, 'complaints are never deleted'); END;
