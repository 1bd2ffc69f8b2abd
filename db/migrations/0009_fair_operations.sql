CREATE TABLE `booth_assignments` (
	`fair_slug` text NOT NULL,
	`booth_code` text NOT NULL,
	`registration_id` integer NOT NULL,
	`assigned_at` integer NOT NULL,
	`source` text NOT NULL,
	PRIMARY KEY(`fair_slug`, `booth_code`),
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `booth_assignments_registration_idx` ON `booth_assignments` (`registration_id`);--> statement-breakpoint
ALTER TABLE `registrations` ADD `directory_consent_at` integer;--> statement-breakpoint
ALTER TABLE `registrations` ADD `entered_by` text DEFAULT 'applicant' NOT NULL;--> statement-breakpoint
ALTER TABLE `registrations` ADD `wanted_tags` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `offer_hours` integer;--> statement-breakpoint
ALTER TABLE `registrations` ADD `offer_notified_at` integer;--> statement-breakpoint
-- Hand-written: booths held before this migration keep their numbers as assignments (the first
-- registration to hold a number keeps it; the organisers' console never allowed two).
INSERT OR IGNORE INTO `booth_assignments` (`fair_slug`, `booth_code`, `registration_id`, `assigned_at`, `source`)
WITH RECURSIVE split(id, fair, rest, code) AS (
  SELECT `id`, `fair_slug`, `booth_numbers` || ', ', NULL FROM `registrations`
    WHERE `booth_numbers` IS NOT NULL AND `status` IN ('pending', 'offered', 'approved')
  UNION ALL
  SELECT id, fair, substr(rest, instr(rest, ', ') + 2), substr(rest, 1, instr(rest, ', ') - 1) FROM split WHERE rest <> ''
)
SELECT fair, code, id, CAST(strftime('%s', 'now') AS integer) * 1000, 'organiser' FROM split WHERE code IS NOT NULL AND code <> '' ORDER BY id;
--> statement-breakpoint
-- A registration that stops holding booths (cancelled, rejected, waitlisted, expired) gives its
-- booths back, whatever code path changed its status.
CREATE TRIGGER `registrations_release_booths` AFTER UPDATE OF `status` ON `registrations`
WHEN NEW.`status` NOT IN ('pending', 'offered', 'approved')
BEGIN
  DELETE FROM `booth_assignments` WHERE `registration_id` = NEW.`id`;
  UPDATE `registrations` SET `booth_numbers` = NULL WHERE `id` = NEW.`id` AND `booth_numbers` IS NOT NULL;
END;
