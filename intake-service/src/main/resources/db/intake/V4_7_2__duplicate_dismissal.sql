-- Suspected duplicate pairs that staff reviewed as two people (read model, rebuilt from DuplicateDismissed).
CREATE TABLE duplicate_dismissal (
    person_a     uuid        NOT NULL,
    person_b     uuid        NOT NULL,
    reason       text        NOT NULL,
    dismissed_at timestamptz NOT NULL,
    dismissed_by text,
    PRIMARY KEY (person_a, person_b),
    CHECK (person_a < person_b)
);
