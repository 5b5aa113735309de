-- custom SQL (keep on merge)
-- A nota series' numbers in order (with the holder beside each): a risk refresh asks for the
-- other RTs holding a number near the RT's own (risk-repository.ts notaHoldersWithin,
-- notaNumbersWithin) instead of reading every link of the series. With the upload bench's one
-- shop, every upload's refresh read the whole series twice (thousands of rows on the city).
CREATE INDEX IF NOT EXISTS `risk_links_num_idx` ON `risk_links` (`year`, `kind`, `key`, `num`, `rt_id`);
