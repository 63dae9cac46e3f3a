-- Persons whose personal data were erased (ADR 33): who erased, when and why. Written from PersonErased
-- by intake/erasure/ErasedPersons, which also clears the person's values from every intake view.
CREATE TABLE person_erasure (
    person_id   uuid PRIMARY KEY,
    reason      text        NOT NULL,
    erased_by   text,
    erased_at   timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL
);
-- an erased person's fragments and dismissal reasons stay as rows (kind, source, when) without the value
ALTER TABLE fragment_view ALTER COLUMN value DROP NOT NULL;
ALTER TABLE duplicate_dismissal ALTER COLUMN reason DROP NOT NULL;
