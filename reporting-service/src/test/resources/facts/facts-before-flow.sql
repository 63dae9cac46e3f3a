-- One fact schema: everything the reports count, each fact with business time (occurred_at) and
-- record time (recorded_at). Reports are computed from these at query time, so a late event
-- changes past figures exactly as a full recomputation would.
CREATE TABLE applied_event (event_id uuid PRIMARY KEY);
CREATE TABLE station (station_id text PRIMARY KEY, name text, population bigint, area_km2 numeric, recorded_at timestamptz);
CREATE TABLE stay (
    stay_id       uuid PRIMARY KEY,
    person_id     uuid,
    station_id    text,
    admitted_at   timestamptz,
    discharged_at timestamptz,
    recorded_at   timestamptz
);
CREATE INDEX stay_person ON stay (person_id);
CREATE TABLE identity_confirmation (event_id uuid PRIMARY KEY, person_id uuid NOT NULL, confirmed_at timestamptz NOT NULL, recorded_at timestamptz);
CREATE INDEX identity_confirmation_person ON identity_confirmation (person_id, confirmed_at);
CREATE TABLE partner (partner_id text PRIMARY KEY, name text NOT NULL, kind text, recorded_at timestamptz);
CREATE TABLE success (
    case_id            uuid PRIMARY KEY,
    person_id          uuid NOT NULL,
    lead_id            uuid,
    channel            text NOT NULL,
    partner_id         text,
    first_lead_channel text,
    occurred_at        timestamptz NOT NULL,
    recorded_at        timestamptz
);
CREATE TABLE notice (notice_id uuid PRIMARY KEY, case_id uuid, person_id uuid NOT NULL, occurred_at timestamptz NOT NULL, recorded_at timestamptz);
CREATE INDEX notice_person ON notice (person_id, occurred_at);
CREATE TABLE program (program_id uuid PRIMARY KEY, name text, kind text NOT NULL, station_id text, partner_id text, recorded_at timestamptz);
CREATE TABLE street_case (case_id uuid PRIMARY KEY, program_id uuid NOT NULL, opened_at timestamptz, recorded_at timestamptz);
CREATE TABLE street_identification (event_id uuid PRIMARY KEY, case_id uuid NOT NULL, occurred_at timestamptz NOT NULL, recorded_at timestamptz);
CREATE INDEX street_identification_case ON street_identification (case_id);
CREATE TABLE street_outcome (
    event_id       uuid PRIMARY KEY,
    case_id        uuid NOT NULL,
    outcome        text NOT NULL,
    stream_version bigint NOT NULL,
    occurred_at    timestamptz NOT NULL,
    recorded_at    timestamptz
);
CREATE INDEX street_outcome_case ON street_outcome (case_id);
