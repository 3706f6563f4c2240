-- The session's exact position: the next (sheet, side) the feeder must deliver, updated in the same
-- transaction as each captured page, so a crash or a full disk resumes at the right sheet.
-- next_side = 'back' means the front of next_sheet is saved and its back is not (a half sheet,
-- rescanned as a whole on resume). A batch in progress has state 'scanning'; found in that state
-- by a later process, the batch was interrupted.
ALTER TABLE scan_sessions ADD COLUMN next_side TEXT NOT NULL DEFAULT 'front';
