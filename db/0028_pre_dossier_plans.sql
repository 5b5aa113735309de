-- custom SQL (keep on merge)
-- Plans submitted before the dossier was asked for (issue 17/18) carry no recorded requirement
-- (plans.dossier_required is NULL). They are listed here once, when this migration runs, so
-- `verify` knows exactly which plans are exempt: any other submitted plan without a requirement
-- was tampered with, and a plan listed here whose audited submission records a dossier was
-- marked exempt after the fact (verify-dossier.ts). The list is closed by the triggers below.
CREATE TABLE `pre_dossier_plans` (
	`plan_id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`submitted_at` text,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `pre_dossier_plans` (`plan_id`, `status`, `submitted_at`, `recorded_at`)
  SELECT `id`, `status`, `submitted_at`, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM `plans`
  WHERE `dossier_required` IS NULL AND `status` NOT IN ('draft', 'returned');
--> statement-breakpoint
CREATE TRIGGER pre_dossier_plans_closed BEFORE INSERT ON pre_dossier_plans
BEGIN SELECT RAISE(ABORT, 'pre_dossier_plans were listed once by migration 0028: a new plan is never exempt from the dossier'); END;
--> statement-breakpoint
CREATE TRIGGER pre_dossier_plans_no_update BEFORE UPDATE ON pre_dossier_plans
BEGIN SELECT RAISE(ABORT, 'pre_dossier_plans never change'); END;
--> statement-breakpoint
CREATE TRIGGER pre_dossier_plans_no_delete BEFORE DELETE ON pre_dossier_plans
BEGIN SELECT RAISE(ABORT, 'pre_dossier_plans never change'); END;
