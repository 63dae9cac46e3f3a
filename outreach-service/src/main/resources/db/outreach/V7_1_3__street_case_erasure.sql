-- Which person each referral to a station became (intake's ArrivalRecorded), so a street case is erased
-- with the person it brought to the station (ADR 35). Learnt from intake's topic, not from outreach's own
-- events: a rebuild of outreach's read models keeps it.
CREATE TABLE known_arrival (
    referral_id uuid PRIMARY KEY,
    person_id   uuid NOT NULL
);
CREATE INDEX known_arrival_person ON known_arrival (person_id);
