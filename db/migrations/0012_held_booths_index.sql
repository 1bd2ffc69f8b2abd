DROP INDEX `registrations_fair_type_status_idx`;--> statement-breakpoint
CREATE INDEX `registrations_fair_type_status_idx` ON `registrations` (`fair_slug`,`booth_type_id`,`status`,`held_quantity`);