-- The facts as known at an instant (docs/adr/0027): one view per fact table, in a schema of its own
-- (${known}) put before the facts (${facts}) on the search path, so the report SQL reads "stay" and
-- gets the stays as recorded by then. The instant is the transaction's homeward.known_at setting.
-- A column written by a later-recorded event is null until then: a stay whose discharge was recorded
-- after the instant is still open, one whose admission was not yet recorded has no admitted_at.
CREATE FUNCTION ${known}.known_at() RETURNS timestamptz LANGUAGE sql STABLE
    AS $$ SELECT current_setting('homeward.known_at')::timestamptz $$;
CREATE VIEW ${known}.stay AS SELECT stay_id, person_id, station_id,
        CASE WHEN admitted_recorded_at <= ${known}.known_at() THEN admitted_at END AS admitted_at,
        CASE WHEN discharged_recorded_at <= ${known}.known_at() THEN discharged_at END AS discharged_at,
        recorded_at,
        CASE WHEN admitted_recorded_at <= ${known}.known_at() THEN arrival_channel END AS arrival_channel,
        CASE WHEN discharged_recorded_at <= ${known}.known_at() THEN exit_type END AS exit_type,
        admitted_recorded_at, discharged_recorded_at
    FROM ${facts}.stay
    WHERE admitted_recorded_at <= ${known}.known_at() OR discharged_recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.entrusted_care AS SELECT entrusted_care_id, stay_id,
        CASE WHEN started_recorded_at <= ${known}.known_at() THEN institution END AS institution,
        CASE WHEN started_recorded_at <= ${known}.known_at() THEN started_at END AS started_at,
        CASE WHEN ended_recorded_at <= ${known}.known_at() THEN ended_at END AS ended_at,
        recorded_at, started_recorded_at, ended_recorded_at
    FROM ${facts}.entrusted_care
    WHERE started_recorded_at <= ${known}.known_at() OR ended_recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.hospitalisation AS SELECT hospitalisation_id, stay_id,
        CASE WHEN started_recorded_at <= ${known}.known_at() THEN started_at END AS started_at,
        CASE WHEN ended_recorded_at <= ${known}.known_at() THEN ended_at END AS ended_at,
        recorded_at, started_recorded_at, ended_recorded_at
    FROM ${facts}.hospitalisation
    WHERE started_recorded_at <= ${known}.known_at() OR ended_recorded_at <= ${known}.known_at();
-- A street case exists from its first recorded event (recorded_at is the least of them); opened and
-- linked to a resident each from their own event.
CREATE VIEW ${known}.street_case AS SELECT case_id, program_id,
        CASE WHEN opened_recorded_at <= ${known}.known_at() THEN opened_at END AS opened_at,
        recorded_at,
        CASE WHEN linked_recorded_at <= ${known}.known_at() THEN person_id END AS person_id,
        opened_recorded_at, linked_recorded_at
    FROM ${facts}.street_case WHERE recorded_at <= ${known}.known_at();
-- Facts written by one event each: known from that event's record time.
CREATE VIEW ${known}.station AS SELECT * FROM ${facts}.station WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.identity_confirmation AS SELECT * FROM ${facts}.identity_confirmation WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.partner AS SELECT * FROM ${facts}.partner WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.success AS SELECT * FROM ${facts}.success WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.notice AS SELECT * FROM ${facts}.notice WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.program AS SELECT * FROM ${facts}.program WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.street_identification AS SELECT * FROM ${facts}.street_identification WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.street_outcome AS SELECT * FROM ${facts}.street_outcome WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.patrol AS SELECT * FROM ${facts}.patrol WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.volunteer_visit AS SELECT * FROM ${facts}.volunteer_visit WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.partner_agreement AS SELECT * FROM ${facts}.partner_agreement WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.partner_capacity AS SELECT * FROM ${facts}.partner_capacity WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.partner_support AS SELECT * FROM ${facts}.partner_support WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.publicity_activity AS SELECT * FROM ${facts}.publicity_activity WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.person_age AS SELECT * FROM ${facts}.person_age WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.risk_flag_change AS SELECT * FROM ${facts}.risk_flag_change WHERE recorded_at <= ${known}.known_at();
CREATE VIEW ${known}.applied_event AS SELECT * FROM ${facts}.applied_event WHERE recorded_at <= ${known}.known_at();
-- Persons merged (ADR 23): a merge holds as known at the instant once recorded, until its undoing is recorded.
CREATE VIEW ${known}.person_merge AS SELECT merge_id, survivor_id, merged_person_id,
        CASE WHEN merged_recorded_at <= ${known}.known_at() THEN merged_recorded_at END AS merged_recorded_at,
        CASE WHEN unmerged_recorded_at <= ${known}.known_at() THEN unmerged_recorded_at END AS unmerged_recorded_at
    FROM ${facts}.person_merge
    WHERE merged_recorded_at <= ${known}.known_at() OR unmerged_recorded_at <= ${known}.known_at();
