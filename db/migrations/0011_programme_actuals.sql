CREATE TABLE `programme_actuals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_slug` text NOT NULL,
	`indicator_code` text NOT NULL,
	`year` integer NOT NULL,
	`value` integer NOT NULL,
	`evidence` text NOT NULL,
	`note` text,
	`entered_by` text,
	`entered_at` integer NOT NULL,
	`withdrawn_at` integer,
	`withdrawn_by` text,
	`withdraw_reason` text,
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`withdrawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `programme_actuals_programme_idx` ON `programme_actuals` (`programme_slug`,`indicator_code`,`year`);