CREATE TABLE `plan_documents` (
	`id` integer PRIMARY KEY NOT NULL,
	`plan_id` integer NOT NULL,
	`kind` text NOT NULL,
	`sha256` text NOT NULL,
	`original_name` text NOT NULL,
	`uploaded_by` integer,
	`uploaded_at` text NOT NULL,
	`withdrawn_by` integer,
	`withdrawn_at` text,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `evidence_files`(`sha256`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`withdrawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_documents_plan_idx` ON `plan_documents` (`plan_id`,`kind`);--> statement-breakpoint
CREATE INDEX `plan_documents_sha_idx` ON `plan_documents` (`sha256`);--> statement-breakpoint
ALTER TABLE `plans` ADD `dossier_required` text;--> statement-breakpoint
-- custom SQL (keep on merge)
CREATE TRIGGER plan_documents_no_delete BEFORE DELETE ON plan_documents
BEGIN SELECT RAISE(ABORT, 'plan_documents are append-only: withdraw a file instead'); END;
--> statement-breakpoint
CREATE TRIGGER plan_documents_identity_fixed BEFORE UPDATE OF id, plan_id, kind, sha256, original_name, uploaded_by, uploaded_at ON plan_documents
BEGIN SELECT RAISE(ABORT, 'plan_documents keep their file: upload a new one'); END;
--> statement-breakpoint
CREATE TRIGGER plan_documents_frozen BEFORE UPDATE ON plan_documents
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) NOT IN ('draft', 'returned')
BEGIN SELECT RAISE(ABORT, 'plan_documents of a submitted plan never change'); END;
--> statement-breakpoint
CREATE TRIGGER plan_documents_insert_frozen BEFORE INSERT ON plan_documents
WHEN (SELECT status FROM plans WHERE id = NEW.plan_id) NOT IN ('draft', 'returned')
BEGIN SELECT RAISE(ABORT, 'plan_documents of a submitted plan never change'); END;
