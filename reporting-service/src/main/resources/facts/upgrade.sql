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
-- Social participation (社会参与, docs/definitions.md) and the station's own outings: patrols of a
-- programme (e.g. 寒冬送温暖), partners' volunteer visits, agreements, capacity, the ledger of
-- support given to partners (yuan), publicity activities.
CREATE TABLE IF NOT EXISTS patrol (patrol_id uuid PRIMARY KEY, program_id uuid NOT NULL, campaign text, area text, teams int, people_met int, occurred_at timestamptz NOT NULL, recorded_at timestamptz);
CREATE TABLE IF NOT EXISTS volunteer_visit (event_id uuid PRIMARY KEY, partner_id text NOT NULL, visits int NOT NULL, purpose text, occurred_at timestamptz NOT NULL, recorded_at timestamptz);
CREATE TABLE IF NOT EXISTS partner_agreement (agreement_id uuid PRIMARY KEY, partner_id text NOT NULL, station_id text NOT NULL, parties text[], valid_from date NOT NULL, valid_until date, clues_shared text[], patient_information_shared text[], consent text, signed_at timestamptz NOT NULL, recorded_at timestamptz);
CREATE TABLE IF NOT EXISTS partner_capacity (event_id uuid PRIMARY KEY, partner_id text NOT NULL, as_of date NOT NULL, teams int, workrooms int, volunteers int, recorded_at timestamptz);
CREATE TABLE IF NOT EXISTS partner_support (support_id uuid PRIMARY KEY, partner_id text NOT NULL, station_id text, giver text, kind text NOT NULL, description text, amount numeric(14,2) NOT NULL, currency text NOT NULL, occurred_at timestamptz NOT NULL, recorded_at timestamptz);
CREATE TABLE IF NOT EXISTS publicity_activity (activity_id uuid PRIMARY KEY, station_id text NOT NULL, partner_id text, kind text NOT NULL, title text, participants int, occurred_at timestamptz NOT NULL, recorded_at timestamptz);
-- The people at risk (重点人员, docs/definitions.md): the estimated age at registration (minor and elderly
-- derive from it) and every flag set or cleared by hand; a flag holds at t when its latest change at or
-- before t (occurred_at, then stream_version) set it.
CREATE TABLE IF NOT EXISTS person_age (person_id uuid PRIMARY KEY, estimated_age int, registered_at timestamptz, recorded_at timestamptz);
CREATE TABLE IF NOT EXISTS risk_flag_change (event_id uuid PRIMARY KEY, person_id uuid NOT NULL, flag text NOT NULL, is_set boolean NOT NULL, stream_version bigint NOT NULL, occurred_at timestamptz NOT NULL, recorded_at timestamptz);
CREATE INDEX IF NOT EXISTS risk_flag_change_person ON risk_flag_change (person_id, flag, occurred_at);
-- A street case of the hospital post linked to the station's own resident (one person, not two): the
-- outreach figures leave it out, the station's figures count the person.
ALTER TABLE street_case ADD COLUMN IF NOT EXISTS person_id uuid;
-- Record time per change (as known at, docs/adr/0027). Facts recorded before this upgrade get the row's one
-- record time for each change it holds: an approximation (a discharge recorded later looks recorded with
-- the admission) that POST /api/admin/rebuild replaces with the events' own record times.
ALTER TABLE applied_event ADD COLUMN IF NOT EXISTS event_type text, ADD COLUMN IF NOT EXISTS stream_id text,
    ADD COLUMN IF NOT EXISTS occurred_at timestamptz, ADD COLUMN IF NOT EXISTS recorded_at timestamptz,
    ADD COLUMN IF NOT EXISTS actor_subject text, ADD COLUMN IF NOT EXISTS actor_role text;
CREATE INDEX IF NOT EXISTS applied_event_recorded ON applied_event (recorded_at);
ALTER TABLE stay ADD COLUMN IF NOT EXISTS admitted_recorded_at timestamptz, ADD COLUMN IF NOT EXISTS discharged_recorded_at timestamptz;
ALTER TABLE entrusted_care ADD COLUMN IF NOT EXISTS started_recorded_at timestamptz, ADD COLUMN IF NOT EXISTS ended_recorded_at timestamptz;
ALTER TABLE hospitalisation ADD COLUMN IF NOT EXISTS started_recorded_at timestamptz, ADD COLUMN IF NOT EXISTS ended_recorded_at timestamptz;
ALTER TABLE street_case ADD COLUMN IF NOT EXISTS opened_recorded_at timestamptz, ADD COLUMN IF NOT EXISTS linked_recorded_at timestamptz;
UPDATE stay SET admitted_recorded_at = recorded_at WHERE admitted_at IS NOT NULL AND admitted_recorded_at IS NULL;
UPDATE stay SET discharged_recorded_at = recorded_at WHERE discharged_at IS NOT NULL AND discharged_recorded_at IS NULL;
UPDATE entrusted_care SET started_recorded_at = recorded_at WHERE started_at IS NOT NULL AND started_recorded_at IS NULL;
UPDATE entrusted_care SET ended_recorded_at = recorded_at WHERE ended_at IS NOT NULL AND ended_recorded_at IS NULL;
UPDATE hospitalisation SET started_recorded_at = recorded_at WHERE started_at IS NOT NULL AND started_recorded_at IS NULL;
UPDATE hospitalisation SET ended_recorded_at = recorded_at WHERE ended_at IS NOT NULL AND ended_recorded_at IS NULL;
UPDATE street_case SET opened_recorded_at = recorded_at WHERE opened_at IS NOT NULL AND opened_recorded_at IS NULL;
UPDATE street_case SET linked_recorded_at = recorded_at WHERE person_id IS NOT NULL AND linked_recorded_at IS NULL;
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
DROP INDEX IF EXISTS stay_in_station;
CREATE INDEX IF NOT EXISTS stay_in_station_cover ON stay USING gist (tstzrange(admitted_at, CASE WHEN discharged_at < admitted_at THEN admitted_at ELSE discharged_at END)) INCLUDE (stay_id, admitted_at, discharged_at, person_id, station_id) WHERE admitted_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS stay_station_in_station ON stay USING gist (station_id, tstzrange(admitted_at, CASE WHEN discharged_at < admitted_at THEN admitted_at ELSE discharged_at END)) WHERE admitted_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS success_occurred ON success (occurred_at);
CREATE INDEX IF NOT EXISTS success_person ON success (person_id);
