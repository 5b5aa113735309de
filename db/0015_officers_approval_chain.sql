PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_users` (
	`id` integer PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`kelurahan_code` text,
	`rt_id` integer,
	`kecamatan_codes` text,
	`nip` text,
	`active` integer DEFAULT true NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`kelurahan_code`) REFERENCES `kelurahan`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_scope" CHECK(("__new_users"."role" IN ('bendahara', 'lurah') AND "__new_users"."kelurahan_code" IS NOT NULL) OR ("__new_users"."role" IN ('ketua_rt', 'sekretaris_rt', 'bendahara_rt') AND "__new_users"."rt_id" IS NOT NULL) OR ("__new_users"."role" = 'camat' AND "__new_users"."kecamatan_codes" IS NOT NULL) OR "__new_users"."role" IN ('admin', 'auditor', 'bpkad')),
	CONSTRAINT "users_nip_18_digits" CHECK("__new_users"."nip" IS NULL OR (length("__new_users"."nip") = 18 AND "__new_users"."nip" NOT GLOB '*[^0-9]*'))
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "username", "display_name", "password_hash", "role", "kelurahan_code", "rt_id", "kecamatan_codes", "nip", "active", "must_change_password", "failed_logins", "locked_until", "created_at") SELECT "id", "username", "display_name", "password_hash", "role", "kelurahan_code", "rt_id", "kecamatan_codes", NULL, "active", "must_change_password", "failed_logins", "locked_until", "created_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_uq` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `approval_steps` (
	`id` integer PRIMARY KEY NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`round` text NOT NULL,
	`step` text NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`nip` text,
	`at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approval_steps_once_uq` ON `approval_steps` (`subject_type`,`subject_id`,`round`,`step`);--> statement-breakpoint
CREATE INDEX `approval_steps_subject_idx` ON `approval_steps` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `rt_profiles` (
	`rt_id` integer PRIMARY KEY NOT NULL,
	`decree_number` text,
	`decree_date` text,
	`decree_sha256` text,
	`decree_name` text,
	`ketua_user_id` integer,
	`sekretaris_user_id` integer,
	`bendahara_user_id` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decree_sha256`) REFERENCES `evidence_files`(`sha256`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ketua_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sekretaris_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bendahara_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);

--> statement-breakpoint
-- custom SQL (keep on merge)
CREATE TRIGGER approval_steps_no_update BEFORE UPDATE ON approval_steps
    BEGIN SELECT RAISE(ABORT, 'approval_steps are append-only'); END;--> statement-breakpoint
CREATE TRIGGER approval_steps_no_delete BEFORE DELETE ON approval_steps
    BEGIN SELECT RAISE(ABORT, 'approval_steps are append-only'); END;
