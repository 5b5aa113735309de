-- custom SQL (keep on merge)
CREATE INDEX IF NOT EXISTS `kelurahan_name_nocase_idx` ON `kelurahan` (`name` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `users_kelurahan_idx` ON `users` (`kelurahan_code`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `users_role_idx` ON `users` (`role`, `username`);
