-- Candidate matching at scale (ADR 0015): blocking keys on both sides, GIN-indexed, so that a
-- resident's candidates are scored among the few reports sharing a key rather than all of them.
-- NULL means "not keyed yet": rows written before this migration are keyed at startup.
ALTER TABLE missing_report ADD COLUMN match_keys text[];
CREATE INDEX missing_report_open_keys ON missing_report USING gin (match_keys) WHERE status = 'OPEN';

ALTER TABLE known_person
    ADD COLUMN match_keys text[],
    ADD COLUMN languages  text[],
    ADD COLUMN marks      text[];
CREATE INDEX known_person_keys ON known_person USING gin (match_keys);

-- The current strong and near-strong pairs, re-scored by the consumers whenever a report or a
-- resident changes; strong_since is when the pair first reached the strong score (the weekly
-- review agenda lists the pairs that became strong in its week).
CREATE TABLE candidate_pair (
    report_id    uuid NOT NULL,
    person_id    uuid NOT NULL,
    score        int NOT NULL,
    strong_since timestamptz,
    scored_at    timestamptz NOT NULL,
    PRIMARY KEY (report_id, person_id)
);
CREATE INDEX candidate_pair_person ON candidate_pair (person_id, strong_since);
