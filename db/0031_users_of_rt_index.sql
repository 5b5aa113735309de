-- custom SQL (keep on merge)
-- An RT's officers read from their own index: every notification to an RT (the scheduler tick
-- asks for each of the city's 10,628 RTs) read every chair of the city by the role index and
-- sorted them (with ~30,000 chair accounts, a city-wide tick read ~300 million rows).
CREATE INDEX IF NOT EXISTS `users_rt_idx` ON `users` (`rt_id`, `active`, `role`);
