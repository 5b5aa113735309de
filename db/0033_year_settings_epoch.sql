-- custom SQL (keep on merge)
-- A counter that moves whenever a programme year's row or settings versions change, by any
-- connection (the app, a CLI script, a hand edit), inside the writer's own transaction: a rolled
-- back change takes its move back with it. The server keeps the years it read while the counter
-- stands still (programme-year-repository.ts): every page and every use case asks for its year,
-- and re-reading every year's rules after every commit (each upload commits) cost the thread
-- that serves requests ~110 KB of garbage per upload.
CREATE TABLE IF NOT EXISTS `year_settings_epoch` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`n` integer NOT NULL
);
--> statement-breakpoint
INSERT OR IGNORE INTO `year_settings_epoch` (`id`, `n`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS year_settings_epoch_year_insert AFTER INSERT ON programme_year
    BEGIN UPDATE year_settings_epoch SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS year_settings_epoch_year_update AFTER UPDATE ON programme_year
    BEGIN UPDATE year_settings_epoch SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS year_settings_epoch_year_delete AFTER DELETE ON programme_year
    BEGIN UPDATE year_settings_epoch SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS year_settings_epoch_version_insert AFTER INSERT ON programme_year_versions
    BEGIN UPDATE year_settings_epoch SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
-- Versions are append-only (their own triggers refuse these); with those dropped by hand, a change still moves the counter.
CREATE TRIGGER IF NOT EXISTS year_settings_epoch_version_update AFTER UPDATE ON programme_year_versions
    BEGIN UPDATE year_settings_epoch SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS year_settings_epoch_version_delete AFTER DELETE ON programme_year_versions
    BEGIN UPDATE year_settings_epoch SET n = n + 1 WHERE id = 1; END;
