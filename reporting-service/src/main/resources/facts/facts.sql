-- One fact schema: everything the reports count, each fact with business time (occurred_at) and
-- record time (recorded_at). Reports are computed from these at query time, so a late event
-- changes past figures exactly as a full recomputation would.
-- Every event applied, used or not, with its envelope's times and actor: the "what changed since" drill-down
-- lists these, and the earliest record time bounds knownAt.
CREATE TABLE applied_event (event_id uuid PRIMARY KEY);
CREATE TABLE station (station_id text PRIMARY KEY, name text, population bigint, area_km2 numeric, recorded_at timestamptz);
CREATE TABLE stay (
    stay_id       uuid PRIMARY KEY,
    person_id     uuid,
    station_id    text,
    admitted_at   timestamptz,
    discharged_at timestamptz,
    recorded_at   timestamptz,
    arrival_channel text,
    exit_type       text
);
CREATE INDEX stay_person ON stay (person_id);
-- Entrusted care (托养) and hospital episodes: periods inside an open stay (the person is still the station's).
-- A period's end may arrive before its start (any order): each column is written by the event that knows it.
CREATE TABLE entrusted_care (
    entrusted_care_id uuid PRIMARY KEY,
    stay_id           uuid NOT NULL,
    institution       text,
    started_at        timestamptz,
    ended_at          timestamptz,
    recorded_at       timestamptz
);
CREATE INDEX entrusted_care_stay ON entrusted_care (stay_id);
CREATE TABLE hospitalisation (
    hospitalisation_id uuid PRIMARY KEY,
    stay_id            uuid NOT NULL,
    started_at         timestamptz,
    ended_at           timestamptz,
    recorded_at        timestamptz
);
CREATE INDEX hospitalisation_stay ON hospitalisation (stay_id);
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
-- Social participation (社会参与, docs/definitions.md) and the station's own outings: patrols of a
-- programme (e.g. 寒冬送温暖), partners' volunteer visits, agreements, capacity, the ledger of
-- support given to partners (yuan), publicity activities.
CREATE TABLE patrol (patrol_id uuid PRIMARY KEY, program_id uuid NOT NULL, campaign text, area text, teams int, people_met int, occurred_at timestamptz NOT NULL, recorded_at timestamptz);
CREATE TABLE volunteer_visit (event_id uuid PRIMARY KEY, partner_id text NOT NULL, visits int NOT NULL, purpose text, occurred_at timestamptz NOT NULL, recorded_at timestamptz);
CREATE TABLE partner_agreement (agreement_id uuid PRIMARY KEY, partner_id text NOT NULL, station_id text NOT NULL, parties text[], valid_from date NOT NULL, valid_until date, clues_shared text[], patient_information_shared text[], consent text, signed_at timestamptz NOT NULL, recorded_at timestamptz);
CREATE TABLE partner_capacity (event_id uuid PRIMARY KEY, partner_id text NOT NULL, as_of date NOT NULL, teams int, workrooms int, volunteers int, recorded_at timestamptz);
CREATE TABLE partner_support (support_id uuid PRIMARY KEY, partner_id text NOT NULL, station_id text, giver text, kind text NOT NULL, description text, amount numeric(14,2) NOT NULL, currency text NOT NULL, occurred_at timestamptz NOT NULL, recorded_at timestamptz);
CREATE TABLE publicity_activity (activity_id uuid PRIMARY KEY, station_id text NOT NULL, partner_id text, kind text NOT NULL, title text, participants int, occurred_at timestamptz NOT NULL, recorded_at timestamptz);
-- The people at risk (重点人员, docs/definitions.md): the estimated age at registration (minor and elderly
-- derive from it) and every flag set or cleared by hand; a flag holds at t when its latest change at or
-- before t (occurred_at, then stream_version) set it.
CREATE TABLE IF NOT EXISTS person_age (person_id uuid PRIMARY KEY, estimated_age int, registered_at timestamptz, recorded_at timestamptz);
CREATE TABLE IF NOT EXISTS risk_flag_change (event_id uuid PRIMARY KEY, person_id uuid NOT NULL, flag text NOT NULL, is_set boolean NOT NULL, stream_version bigint NOT NULL, occurred_at timestamptz NOT NULL, recorded_at timestamptz);
CREATE INDEX IF NOT EXISTS risk_flag_change_person ON risk_flag_change (person_id, flag, occurred_at);
-- A street case of the hospital post linked to the station's own resident (one person, not two): the
-- outreach figures leave it out, the station's figures count the person.
ALTER TABLE street_case ADD COLUMN IF NOT EXISTS person_id uuid;
-- Record time per change (as known at, docs/adr/0027): a row written by several events keeps each event's
-- record time beside the columns that event wrote, so a figure "as known at t" sees a stay's admission
-- recorded at t1 without its discharge recorded at t2 > t. The known-at views (known.sql) read these.
ALTER TABLE applied_event ADD COLUMN IF NOT EXISTS event_type text, ADD COLUMN IF NOT EXISTS stream_id text,
    ADD COLUMN IF NOT EXISTS occurred_at timestamptz, ADD COLUMN IF NOT EXISTS recorded_at timestamptz,
    ADD COLUMN IF NOT EXISTS actor_subject text, ADD COLUMN IF NOT EXISTS actor_role text;
CREATE INDEX IF NOT EXISTS applied_event_recorded ON applied_event (recorded_at);
ALTER TABLE stay ADD COLUMN IF NOT EXISTS admitted_recorded_at timestamptz, ADD COLUMN IF NOT EXISTS discharged_recorded_at timestamptz;
ALTER TABLE entrusted_care ADD COLUMN IF NOT EXISTS started_recorded_at timestamptz, ADD COLUMN IF NOT EXISTS ended_recorded_at timestamptz;
ALTER TABLE hospitalisation ADD COLUMN IF NOT EXISTS started_recorded_at timestamptz, ADD COLUMN IF NOT EXISTS ended_recorded_at timestamptz;
ALTER TABLE street_case ADD COLUMN IF NOT EXISTS opened_recorded_at timestamptz, ADD COLUMN IF NOT EXISTS linked_recorded_at timestamptz;
-- Persons merged (ADR 23): while a merge holds, the merged-away record counts as its survivor, one person.
-- Both streams carry the merge and its undoing, in any order: each keeps the earliest record time of its
-- copies (as known at, docs/adr/0027); a merge holds once recorded until its undoing is recorded. Reports
-- resolve person ids through survivor_of and person_records (which read the known-at view when one is set).
CREATE TABLE IF NOT EXISTS person_merge (merge_id uuid PRIMARY KEY, survivor_id uuid NOT NULL, merged_person_id uuid NOT NULL, merged_recorded_at timestamptz, unmerged_recorded_at timestamptz);
CREATE INDEX IF NOT EXISTS person_merge_merged ON person_merge (merged_person_id);
CREATE INDEX IF NOT EXISTS person_merge_survivor ON person_merge (survivor_id);
-- A survivor merged again takes its merged records along (ADR 31): survivor_of and person_records follow
-- chains of merges that hold, cycle-safe; FactSchemas creates them from the platform's one definition
-- (PersonMergeTable.chainFunctions, ADR 38) after this file.
-- Reports at national scale (docs/adr/0034): a station's stays by admission time; who is in the station at t as
-- one range containing t (the expression is ReportQueries.STAY_PERIOD's, word for word); successes by time and
-- by person (a station's family search starts from the people with a stay there).
CREATE INDEX IF NOT EXISTS stay_station_admitted ON stay (station_id, admitted_at) INCLUDE (discharged_at, person_id);
-- ADR 37: the national period index also holds the columns the retention figures and their drill-down read
-- (answered from the index alone once the table's pages are all-visible), and a station's stays have a
-- period index of their own (btree_gist, V7_3_1): a station's question no longer reads the whole country's.
CREATE INDEX IF NOT EXISTS stay_in_station_cover ON stay USING gist (tstzrange(admitted_at, CASE WHEN discharged_at < admitted_at THEN admitted_at ELSE discharged_at END)) INCLUDE (stay_id, admitted_at, discharged_at, person_id, station_id) WHERE admitted_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS stay_station_in_station ON stay USING gist (station_id, tstzrange(admitted_at, CASE WHEN discharged_at < admitted_at THEN admitted_at ELSE discharged_at END)) WHERE admitted_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS success_occurred ON success (occurred_at);
CREATE INDEX IF NOT EXISTS success_person ON success (person_id);
