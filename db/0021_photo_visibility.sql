CREATE TABLE `photo_visibility` (
	`id` integer PRIMARY KEY NOT NULL,
	`receipt_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`hidden` integer NOT NULL,
	`reason` text NOT NULL,
	`decided_by` integer,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`receipt_id`) REFERENCES `receipts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `evidence_files`(`sha256`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "photo_visibility_reason" CHECK(length(trim("photo_visibility"."reason")) > 0)
);
--> statement-breakpoint
CREATE INDEX `photo_visibility_receipt_idx` ON `photo_visibility` (`receipt_id`,`sha256`);--> statement-breakpoint

-- custom SQL (keep on merge)
CREATE TRIGGER photo_visibility_no_update BEFORE UPDATE ON photo_visibility
BEGIN SELECT RAISE(ABORT, 'photo_visibility is append-only: record a new decision'); END;
--> statement-breakpoint
CREATE TRIGGER photo_visibility_no_delete BEFORE DELETE ON photo_visibility
BEGIN SELECT RAISE(ABORT, 'photo_visibility is append-only: record a new decision'); END;
