CREATE TABLE `publications` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`requested_by` text,
	`requested_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`target_build` text,
	`build_id` text,
	`commit_sha` text,
	`errors` text,
	`message` text,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `publications_state_idx` ON `publications` (`state`,`requested_at`);