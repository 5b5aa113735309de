CREATE TABLE `close_overrides` (
	`id` integer PRIMARY KEY NOT NULL,
	`year` integer NOT NULL,
	`kelurahan_code` text NOT NULL,
	`rt_id` integer NOT NULL,
	`blocker_key` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`reason` text NOT NULL,
	`overridden_by` text NOT NULL,
	`overridden_by_user` integer,
	`overridden_at` text NOT NULL,
	FOREIGN KEY (`year`) REFERENCES `programme_year`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kelurahan_code`) REFERENCES `kelurahan`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`overridden_by_user`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "close_overrides_reason" CHECK(length(trim("close_overrides"."reason")) > 0 AND length(trim("close_overrides"."overridden_by")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `close_overrides_uq` ON `close_overrides` (`year`,`blocker_key`);--> statement-breakpoint
CREATE INDEX `close_overrides_kelurahan_idx` ON `close_overrides` (`year`,`kelurahan_code`);
--> statement-breakpoint
-- custom SQL (keep on merge)
CREATE TRIGGER close_overrides_no_update BEFORE UPDATE ON close_overrides
BEGIN SELECT RAISE(ABORT, 'close_overrides are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER close_overrides_no_delete BEFORE DELETE ON close_overrides
BEGIN SELECT RAISE(ABORT, 'close_overrides are append-only'); END;
