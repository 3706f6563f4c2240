-- Warehouse first (seed 000, point 4): the result of checking the owner's data warehouse for
-- each reusable component, kept so that scanning such a component can be refused until checked.
CREATE TABLE warehouse_checks (
    dossier_no    TEXT NOT NULL REFERENCES dossiers(number),
    component_id  TEXT NOT NULL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('attached', 'choose', 'none', 'no_copy', 'paper', 'offline')),
    codes         TEXT NOT NULL DEFAULT '[]',   -- JSON list: the attached document, or the choices
    note          TEXT NOT NULL DEFAULT '',
    note_vi       TEXT NOT NULL DEFAULT '',
    actor         TEXT NOT NULL,
    checked_at    TEXT NOT NULL,
    PRIMARY KEY (dossier_no, component_id)
);

-- Portal account next step (seed 002, step 2): what the officer did for the citizen's
-- national-portal account at this dossier's reception.
CREATE TABLE portal_steps (
    dossier_no  TEXT NOT NULL REFERENCES dossiers(number),
    step        TEXT NOT NULL CHECK (step IN ('guided_create', 'guided_link', 'link_requested')),
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (dossier_no, step)
);
