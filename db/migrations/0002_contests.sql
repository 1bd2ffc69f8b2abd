CREATE TABLE `contest_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` text NOT NULL,
	`judge_id` text NOT NULL,
	`entries` text,
	`rules_accepted_at` integer,
	`created_at` integer NOT NULL,
	`created_by` text,
	FOREIGN KEY (`judge_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contest_assignments_contest_judge_uq` ON `contest_assignments` (`contest_id`,`judge_id`);--> statement-breakpoint
CREATE TABLE `contest_publications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` text NOT NULL,
	`action` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`reason` text,
	`snapshot` text,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contest_publications_contest_idx` ON `contest_publications` (`contest_id`,`id`);--> statement-breakpoint
CREATE TABLE `contest_recusals` (
	`contest_id` text NOT NULL,
	`judge_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`at` integer NOT NULL,
	PRIMARY KEY(`contest_id`, `judge_id`, `entry_id`),
	FOREIGN KEY (`judge_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `contest_sheet_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sheet_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`version` integer NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`reason` text,
	FOREIGN KEY (`sheet_id`) REFERENCES `contest_sheets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contest_sheet_history_sheet_idx` ON `contest_sheet_history` (`sheet_id`);--> statement-breakpoint
CREATE TABLE `contest_sheet_scores` (
	`sheet_id` integer NOT NULL,
	`criterion_id` text NOT NULL,
	`half` integer NOT NULL,
	PRIMARY KEY(`sheet_id`, `criterion_id`),
	FOREIGN KEY (`sheet_id`) REFERENCES `contest_sheets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `contest_sheets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`judge_id` text NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`total_half` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	FOREIGN KEY (`judge_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contest_sheets_contest_entry_judge_uq` ON `contest_sheets` (`contest_id`,`entry_id`,`judge_id`);--> statement-breakpoint
CREATE INDEX `contest_sheets_contest_idx` ON `contest_sheets` (`contest_id`,`state`);--> statement-breakpoint
CREATE TABLE `contest_vote_rate` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`window_start` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `contest_voters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` text NOT NULL,
	`contact_hash` text NOT NULL,
	`channel` text NOT NULL,
	`code_hash` text,
	`code_expires_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`token_hash` text,
	`verified_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contest_voters_contest_contact_uq` ON `contest_voters` (`contest_id`,`contact_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `contest_voters_token_uq` ON `contest_voters` (`token_hash`);--> statement-breakpoint
CREATE TABLE `contest_votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` text NOT NULL,
	`voter_id` integer NOT NULL,
	`scope` text NOT NULL,
	`entry_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`voter_id`) REFERENCES `contest_voters`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contest_votes_voter_scope_uq` ON `contest_votes` (`contest_id`,`voter_id`,`scope`);--> statement-breakpoint
CREATE INDEX `contest_votes_entry_idx` ON `contest_votes` (`contest_id`,`entry_id`);