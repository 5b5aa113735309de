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
	CONSTRAINT "users_scope" CHECK(("__new_users"."role" IN ('bendahara', 'lurah') AND "__new_users"."kelurahan_code" IS NOT NULL) OR ("__new_users"."role" IN ('ketua_rt', 'sekretaris_rt', 'bendahara_rt') AND "__new_users"."rt_id" IS NOT NULL) OR ("__new_users"."role" = 'camat' AND "__new_users"."kecamatan_codes" IS NOT NULL) OR "__new_users"."role" IN ('admin', 'auditor', 'bpkad', 'pengawas')),
	CONSTRAINT "users_nip_18_digits" CHECK("__new_users"."nip" IS NULL OR (length("__new_users"."nip") = 18 AND "__new_users"."nip" NOT GLOB '*[^0-9]*'))
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "username", "display_name", "password_hash", "role", "kelurahan_code", "rt_id", "kecamatan_codes", "nip", "active", "must_change_password", "failed_logins", "locked_until", "created_at") SELECT "id", "username", "display_name", "password_hash", "role", "kelurahan_code", "rt_id", "kecamatan_codes", "nip", "active", "must_change_password", "failed_logins", "locked_until", "created_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_uq` ON `users` (`username`);