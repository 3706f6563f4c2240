-- Special originals (seed 002): glossy photographs (scanned with the enhancement profile, the
-- capture kept), fragile originals declined with a reason (shown on the receipt), audio-visual
-- originals recorded as received and not digitized.
CREATE TABLE special_originals (
    dossier_no    TEXT NOT NULL REFERENCES dossiers(number),
    component_id  TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('glossy', 'fragile', 'audio_visual')),
    reason        TEXT NOT NULL DEFAULT '',
    actor         TEXT NOT NULL,
    at            TEXT NOT NULL,
    PRIMARY KEY (dossier_no, component_id)
);
