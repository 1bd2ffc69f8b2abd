CREATE TABLE `known_sign_in_sources` (
	`user_id` text NOT NULL,
	`source` text NOT NULL,
	`last_sign_in_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `source`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `known_sign_in_sources_source_idx` ON `known_sign_in_sources` (`source`);