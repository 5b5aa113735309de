CREATE TABLE `item_comments` (
	`id` integer PRIMARY KEY NOT NULL,
	`item_kind` text NOT NULL,
	`item_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "item_comments_body_len" CHECK(length("item_comments"."body") BETWEEN 1 AND 1000)
);
--> statement-breakpoint
CREATE INDEX `item_comments_item_idx` ON `item_comments` (`item_kind`,`item_id`,`id`);--> statement-breakpoint

-- custom SQL (keep on merge)
CREATE TRIGGER `item_comments_no_update` BEFORE UPDATE ON `item_comments`
BEGIN SELECT RAISE(ABORT, 'item_comments are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `item_comments_no_delete` BEFORE DELETE ON `item_comments`
BEGIN SELECT RAISE(ABORT, 'item_comments are append-only'); END;
