-- Erasure in search (ADR 35). An erased missing-person report keeps its row (status, dates, codes: what
-- the figures count) without its personal values, and says when, by whom and why it was erased. A replay
-- after an erasure reads the sealed values of the report, or of an erased person's leads, as null, so the
-- columns that held them may be null.
ALTER TABLE missing_report
    ALTER COLUMN name DROP NOT NULL,
    ADD COLUMN erased_at      timestamptz,
    ADD COLUMN erased_by      text,
    ADD COLUMN erasure_reason text;
ALTER TABLE candidate_exclusion ALTER COLUMN reason DROP NOT NULL;
ALTER TABLE lead ALTER COLUMN summary DROP NOT NULL;
