-- Numbered after the platform's V4_5_1 (already applied to live outreach databases) so it applies in order.
-- Intake's stays as outreach knows them from the topic (open, and the hospital episode open now), so
-- a hospital post's patient can be linked to the station's own hospitalised resident: one person, not two.
-- Stays admitted before this table are known after a replay of intake's topic.
CREATE TABLE known_resident_stay (
    stay_id            uuid PRIMARY KEY,
    person_id          uuid,
    station_id         text,
    hospitalisation_id uuid,
    discharged         boolean NOT NULL DEFAULT false
);
CREATE INDEX known_resident_stay_person ON known_resident_stay (person_id);
ALTER TABLE street_case ADD COLUMN resident_person_id uuid;
