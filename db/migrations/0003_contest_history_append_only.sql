-- A sheet's history is append-only, like the audit log: old → new values can never be rewritten.
CREATE TRIGGER `contest_sheet_history_no_update` BEFORE UPDATE ON `contest_sheet_history`
BEGIN
  SELECT RAISE(ABORT, 'contest_sheet_history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `contest_sheet_history_no_delete` BEFORE DELETE ON `contest_sheet_history`
BEGIN
  SELECT RAISE(ABORT, 'contest_sheet_history is append-only');
END;
