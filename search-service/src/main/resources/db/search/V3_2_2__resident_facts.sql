-- What search-service knows of a resident, for proposing missing-person reports (candidates):
-- the registration's name, sex, age and hometown, the latest admission, and every identity fragment.
-- Filled from intake's topic from now on (persons known before this migration have no facts until
-- the intake topic is replayed into search-service).
ALTER TABLE known_person
    ADD COLUMN name          text,
    ADD COLUMN sex           text,
    ADD COLUMN estimated_age int,
    ADD COLUMN hometown      text,
    ADD COLUMN description   text,
    ADD COLUMN station_id    text,
    ADD COLUMN admitted_at   timestamptz;

CREATE TABLE resident_fragment (
    fragment_id uuid PRIMARY KEY,
    person_id   uuid NOT NULL,
    kind        text NOT NULL,
    value       text NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX resident_fragment_person ON resident_fragment (person_id);
