ALTER TABLE `spj_reports` ADD `days_late` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- custom SQL (keep on merge): lateness of SPJs sent before this column existed, from their
-- sending date (WIB) against the due date (the year's SPJ day of the next month, never after
-- the final report date).
UPDATE `spj_reports` SET `days_late` = MAX(0, CAST(julianday(date(`submitted_at`, '+7 hours')) - julianday((
  SELECT MIN(date(`spj_reports`.`month` || '-01', '+1 month', '+' || (p.`spj_due_day` - 1) || ' days'), p.`final_report_due`)
  FROM `programme_year` p WHERE p.`year` = `spj_reports`.`year`
)) AS INTEGER)) WHERE `status` IN ('submitted', 'verified');
