-- Which station each stay belongs to, from intake's PersonAdmitted (kept by the intake consumer, so
-- a replay of intake's topic rebuilds it). A search case names its stay; the agenda, tally and
-- deadlines are scoped to a station through it (a case without a stay: the person's latest station).
CREATE TABLE known_stay (
    stay_id     uuid PRIMARY KEY,
    person_id   uuid NOT NULL,
    station_id  text NOT NULL,
    admitted_at timestamptz NOT NULL
);
CREATE INDEX known_stay_station ON known_stay (station_id);

-- Stays known before this table: the person's latest admission is the best fact kept so far.
INSERT INTO known_stay (stay_id, person_id, station_id, admitted_at)
SELECT DISTINCT ON (sc.stay_id) sc.stay_id, sc.person_id, kp.station_id, coalesce(kp.admitted_at, sc.opened_at)
FROM search_case sc JOIN known_person kp ON kp.person_id = sc.person_id
WHERE sc.stay_id IS NOT NULL AND kp.station_id IS NOT NULL
ON CONFLICT DO NOTHING;
