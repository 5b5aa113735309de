CREATE TABLE `risk_dirty` (
	`year` integer NOT NULL,
	`rt_id` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risk_dirty_uq` ON `risk_dirty` (`year`,`rt_id`);--> statement-breakpoint
CREATE TABLE `risk_flags` (
	`id` integer PRIMARY KEY NOT NULL,
	`year` integer NOT NULL,
	`rt_id` integer NOT NULL,
	`kind` text NOT NULL,
	`severity` integer NOT NULL,
	`score` integer NOT NULL,
	`numbers` text NOT NULL,
	`evidence` text NOT NULL,
	`computed_on` text NOT NULL,
	`computed_at` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`follow_note` text,
	`followed_by` text,
	`followed_at` text,
	`followed_severity` integer,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risk_flags_grantee_kind_uq` ON `risk_flags` (`year`,`rt_id`,`kind`);--> statement-breakpoint
CREATE INDEX `risk_flags_year_kind_idx` ON `risk_flags` (`year`,`kind`);--> statement-breakpoint
CREATE TABLE `risk_links` (
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`rt_id` integer NOT NULL,
	`kelurahan_code` text NOT NULL,
	`receipt_id` integer NOT NULL,
	`num` integer
);
--> statement-breakpoint
CREATE INDEX `risk_links_key_idx` ON `risk_links` (`year`,`kind`,`key`);--> statement-breakpoint
CREATE INDEX `risk_links_rt_idx` ON `risk_links` (`year`,`rt_id`);--> statement-breakpoint
CREATE TABLE `risk_state` (
	`year` integer NOT NULL,
	`rt_id` integer NOT NULL,
	`computed_on` text NOT NULL,
	`computed_at` text NOT NULL,
	`open_score` integer NOT NULL,
	`flag_count` integer NOT NULL,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risk_state_uq` ON `risk_state` (`year`,`rt_id`);--> statement-breakpoint
CREATE INDEX `risk_state_score_idx` ON `risk_state` (`year`,`open_score`);--> statement-breakpoint

-- custom SQL (keep on merge): a grantee's risk flags wait for a refresh whenever one of its
-- receipts, SPJs or tranches is written (src/app/risk-refresh.ts drains risk_dirty).
CREATE TRIGGER risk_dirty_receipts_insert AFTER INSERT ON receipts
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) VALUES (NEW.year, NEW.rt_id); END;
--> statement-breakpoint
CREATE TRIGGER risk_dirty_receipts_update AFTER UPDATE ON receipts
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) VALUES (NEW.year, NEW.rt_id); END;
--> statement-breakpoint
CREATE TRIGGER risk_dirty_spj_insert AFTER INSERT ON spj_reports
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) VALUES (NEW.year, NEW.rt_id); END;
--> statement-breakpoint
CREATE TRIGGER risk_dirty_spj_update AFTER UPDATE ON spj_reports
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) VALUES (NEW.year, NEW.rt_id); END;
--> statement-breakpoint
CREATE TRIGGER risk_dirty_tranches_insert AFTER INSERT ON tranches
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) VALUES (NEW.year, NEW.rt_id); END;
--> statement-breakpoint
CREATE TRIGGER risk_dirty_tranches_update AFTER UPDATE ON tranches
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) VALUES (NEW.year, NEW.rt_id); END;
--> statement-breakpoint
-- A new or reactivated grantee, a new or reopened year, a new version of the year's thresholds: recompute.
CREATE TRIGGER risk_dirty_rt_insert AFTER INSERT ON rt
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) SELECT year, NEW.id FROM programme_year WHERE status = 'open'; END;
--> statement-breakpoint
CREATE TRIGGER risk_dirty_rt_active AFTER UPDATE OF active ON rt
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) SELECT year, NEW.id FROM programme_year WHERE status = 'open'; END;
--> statement-breakpoint
CREATE TRIGGER risk_dirty_year_insert AFTER INSERT ON programme_year
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) SELECT NEW.year, id FROM rt; END;
--> statement-breakpoint
CREATE TRIGGER risk_dirty_year_update AFTER UPDATE ON programme_year
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) SELECT NEW.year, id FROM rt; END;
--> statement-breakpoint
CREATE TRIGGER risk_dirty_year_version AFTER INSERT ON programme_year_versions
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) SELECT NEW.year, id FROM rt; END;
--> statement-breakpoint
-- Every grantee of every open year is computed once after this migration.
INSERT OR IGNORE INTO risk_dirty (year, rt_id) SELECT p.year, r.id FROM programme_year p, rt r WHERE p.status = 'open';

--> statement-breakpoint
-- A complaint received, answered or escalated changes its grantee's complaint flag (merge of aduan warga and the desk).
CREATE TRIGGER risk_dirty_complaints_insert AFTER INSERT ON complaints WHEN NEW.rt_id IS NOT NULL
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) SELECT year, NEW.rt_id FROM programme_year WHERE status = 'open'; END;
--> statement-breakpoint
CREATE TRIGGER risk_dirty_complaints_update AFTER UPDATE ON complaints WHEN NEW.rt_id IS NOT NULL
    BEGIN INSERT OR IGNORE INTO risk_dirty (year, rt_id) SELECT year, NEW.rt_id FROM programme_year WHERE status = 'open'; END;
