CREATE TABLE `contest_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`contest_id` text NOT NULL,
	`status` text NOT NULL,
	`fields` text NOT NULL,
	`establishment_name` text,
	`product_name` text,
	`cnnt_group` text,
	`province` text,
	`phone` text NOT NULL,
	`email` text,
	`manage_token_hash` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`checklist` text,
	`reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	`decided_at` integer,
	`product_slug` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contest_entries_code_unique` ON `contest_entries` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `contest_entries_manage_token_hash_unique` ON `contest_entries` (`manage_token_hash`);--> statement-breakpoint
CREATE INDEX `contest_entries_contest_status_idx` ON `contest_entries` (`contest_id`,`status`);--> statement-breakpoint
CREATE INDEX `contest_entries_updated_idx` ON `contest_entries` (`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `contest_entry_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`kind` text NOT NULL,
	`angle` text,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`blob` text NOT NULL,
	`webp_large` text,
	`webp_small` text,
	`width` integer,
	`height` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `contest_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contest_entry_files_entry_idx` ON `contest_entry_files` (`entry_id`);--> statement-breakpoint
CREATE TABLE `contest_entry_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`at` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor_id` text,
	`note` text,
	FOREIGN KEY (`entry_id`) REFERENCES `contest_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contest_entry_history_entry_idx` ON `contest_entry_history` (`entry_id`);