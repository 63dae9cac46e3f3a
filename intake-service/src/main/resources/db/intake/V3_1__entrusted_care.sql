-- Entrusted care (托养): periods at contracted institutions while the stay stays open; a death's details.
CREATE TABLE entrusted_care_view (
    entrusted_care_id uuid PRIMARY KEY,
    stay_id           uuid NOT NULL,
    institution       text NOT NULL,
    started_at        timestamptz NOT NULL,
    ended_at          timestamptz
);
CREATE INDEX entrusted_care_view_stay ON entrusted_care_view (stay_id);

ALTER TABLE stay_view ADD COLUMN death_place text, ADD COLUMN death_actions text, ADD COLUMN died_at timestamptz;
