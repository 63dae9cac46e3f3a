-- Brings a live fact schema created by an older facts.sql up to the current one, idempotently, at
-- startup (FactSchemas). Facts recorded before the upgrade lack what these columns and tables hold
-- (arrival channel, exit type, entrusted-care and hospital periods): POST /api/admin/rebuild fills them.
ALTER TABLE stay ADD COLUMN IF NOT EXISTS arrival_channel text, ADD COLUMN IF NOT EXISTS exit_type text;
CREATE TABLE IF NOT EXISTS entrusted_care (
    entrusted_care_id uuid PRIMARY KEY,
    stay_id           uuid NOT NULL,
    institution       text,
    started_at        timestamptz,
    ended_at          timestamptz,
    recorded_at       timestamptz
);
CREATE INDEX IF NOT EXISTS entrusted_care_stay ON entrusted_care (stay_id);
CREATE TABLE IF NOT EXISTS hospitalisation (
    hospitalisation_id uuid PRIMARY KEY,
    stay_id            uuid NOT NULL,
    started_at         timestamptz,
    ended_at           timestamptz,
    recorded_at        timestamptz
);
CREATE INDEX IF NOT EXISTS hospitalisation_stay ON hospitalisation (stay_id);
