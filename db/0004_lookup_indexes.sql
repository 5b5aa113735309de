DROP INDEX `receipts_nota_idx`;--> statement-breakpoint
CREATE INDEX `receipts_nota_idx` ON `receipts` (`nota_number`,`date`,`amount`);--> statement-breakpoint
CREATE INDEX `rt_bank_account_idx` ON `rt` (`bank_account`);