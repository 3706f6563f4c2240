-- Printed page numbers read by OCR, per capture (content-addressed: a capture is read once).
-- number/total are NULL when the page was read and carries no number.
CREATE TABLE page_numbers (
    sha256   TEXT PRIMARY KEY,
    number   INTEGER,
    total    INTEGER,
    read_at  TEXT NOT NULL
);
