CREATE TABLE `programme_year_versions` (
	`year` integer NOT NULL,
	`version` integer NOT NULL,
	`effective_from` text NOT NULL,
	`settings` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`year`) REFERENCES `programme_year`(`year`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "programme_year_versions_positive" CHECK("programme_year_versions"."version" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programme_year_versions_uq` ON `programme_year_versions` (`year`,`version`);--> statement-breakpoint
ALTER TABLE `rt` ADD `kind` text DEFAULT 'rt' NOT NULL;--> statement-breakpoint
-- custom SQL (keep on merge)
CREATE TRIGGER programme_year_versions_no_update BEFORE UPDATE ON programme_year_versions
    BEGIN SELECT RAISE(ABORT, 'programme_year_versions are append-only: add a version'); END;
--> statement-breakpoint
CREATE TRIGGER programme_year_versions_no_delete BEFORE DELETE ON programme_year_versions
    BEGIN SELECT RAISE(ABORT, 'programme_year_versions are append-only: add a version'); END;
