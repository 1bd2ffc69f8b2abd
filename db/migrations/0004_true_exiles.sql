CREATE TABLE `registration_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`registration_id` integer NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`note` text,
	`actor` text NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `registration_events_reg_idx` ON `registration_events` (`registration_id`);--> statement-breakpoint
CREATE TABLE `registration_idempotency` (
	`key_hash` text PRIMARY KEY NOT NULL,
	`request_hash` text NOT NULL,
	`registration_id` integer NOT NULL,
	`salt` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`fair_slug` text NOT NULL,
	`booth_type_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`accept_fewer` integer DEFAULT false NOT NULL,
	`status` text NOT NULL,
	`held_quantity` integer DEFAULT 0 NOT NULL,
	`waitlisted_at` integer,
	`offer_expires_at` integer,
	`establishment_name` text NOT NULL,
	`establishment_type` text NOT NULL,
	`tax_code` text,
	`craft_village` text,
	`representative` text NOT NULL,
	`phone` text NOT NULL,
	`email` text,
	`province` text NOT NULL,
	`commune` text NOT NULL,
	`products` text NOT NULL,
	`wants_support` integer NOT NULL,
	`notes` text,
	`consent_at` integer NOT NULL,
	`manage_token_hash` text NOT NULL,
	`booth_numbers` text,
	`reject_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_code_unique` ON `registrations` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_manage_token_hash_unique` ON `registrations` (`manage_token_hash`);--> statement-breakpoint
CREATE INDEX `registrations_fair_type_status_idx` ON `registrations` (`fair_slug`,`booth_type_id`,`status`);--> statement-breakpoint
CREATE INDEX `registrations_offer_expiry_idx` ON `registrations` (`status`,`offer_expires_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_fair_phone_active_uq` ON `registrations` (`fair_slug`,`phone`) WHERE status NOT IN ('cancelled', 'rejected', 'expired');--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_fair_tax_active_uq` ON `registrations` (`fair_slug`,`tax_code`) WHERE tax_code IS NOT NULL AND status NOT IN ('cancelled', 'rejected', 'expired');