-- Hand-written instead of drizzle's table rebuild: rebuilding journal_entries would drop its
-- append-only triggers. Existing entries stay version 1 (no facts); new ones are version 2.
ALTER TABLE `journal_entries` ADD `version` integer DEFAULT 1 NOT NULL CONSTRAINT "journal_version" CHECK(`version` IN (1, 2));--> statement-breakpoint
ALTER TABLE `journal_entries` ADD `facts` text;
