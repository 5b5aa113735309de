CREATE TABLE `checkpoints` (
	`seq` integer PRIMARY KEY NOT NULL,
	`signed_at` text NOT NULL,
	`entry_count` integer NOT NULL,
	`head` text NOT NULL,
	`prev` text NOT NULL,
	`key_id` text NOT NULL,
	`reason` text NOT NULL,
	`hash` text NOT NULL,
	`signature` text NOT NULL,
	FOREIGN KEY (`key_id`) REFERENCES `signing_keys`(`key_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkpoints_hash_uq` ON `checkpoints` (`hash`);--> statement-breakpoint
CREATE INDEX `checkpoints_entry_count_idx` ON `checkpoints` (`entry_count`);--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`key_id` text PRIMARY KEY NOT NULL,
	`public_key_pem` text NOT NULL,
	`created_at` text NOT NULL,
	`retired_at` text
);
--> statement-breakpoint
-- custom SQL (keep on merge)
-- Checkpoints are append-only, and each must follow the one before (seq + 1); public keys are
-- never removed or changed, only retired once.
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER checkpoints_in_sequence BEFORE INSERT ON checkpoints
BEGIN
  SELECT RAISE(ABORT, 'checkpoint_out_of_sequence')
  WHERE NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM checkpoints);
END;
--> statement-breakpoint
CREATE TRIGGER signing_keys_no_delete BEFORE DELETE ON signing_keys
BEGIN SELECT RAISE(ABORT, 'signing_keys are kept for ever'); END;
--> statement-breakpoint
CREATE TRIGGER signing_keys_retire_only BEFORE UPDATE ON signing_keys
WHEN OLD.retired_at IS NOT NULL OR NEW.retired_at IS NULL OR NEW.key_id IS NOT OLD.key_id
  OR NEW.public_key_pem IS NOT OLD.public_key_pem OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'signing_keys: only retired_at may be set, once'); END;
