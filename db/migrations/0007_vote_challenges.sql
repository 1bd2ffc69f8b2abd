CREATE TABLE `contest_vote_challenges` (
	`challenge` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contest_vote_challenges_expires_idx` ON `contest_vote_challenges` (`expires_at`);