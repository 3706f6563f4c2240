-- Scanner calibration results: one row per check of a scan of the test chart.
CREATE TABLE calibration_checks (
    id        INTEGER PRIMARY KEY,
    scanner   TEXT NOT NULL,
    day       TEXT NOT NULL,            -- yyyy-mm-dd, Vietnam time
    verdict   TEXT NOT NULL,            -- pass | fail
    result    TEXT NOT NULL,            -- JSON: the measurements
    actor     TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX calibration_checks_scanner ON calibration_checks(scanner, day);
