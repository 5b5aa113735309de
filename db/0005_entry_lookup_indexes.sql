CREATE INDEX `receipts_entry_idx` ON `receipts` (`entry_id`);--> statement-breakpoint
CREATE INDEX `tranches_entry_idx` ON `tranches` (`entry_id`);