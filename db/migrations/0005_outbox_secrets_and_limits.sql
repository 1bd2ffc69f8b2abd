ALTER TABLE `outbox` ADD `secret` text;--> statement-breakpoint
CREATE INDEX `outbox_recipient_idx` ON `outbox` (`recipient`,`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_kind_idx` ON `outbox` (`kind`,`created_at`);