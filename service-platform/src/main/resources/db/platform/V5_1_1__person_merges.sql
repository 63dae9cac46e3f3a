-- Persons merged (ADR 23), in every service that reads intake's persons: written from PersonMerged /
-- PersonUnmerged on the survivor's stream (in order there) by org.homeward.platform.merge.PersonMergeTable.
-- Nothing else is rewritten by a merge: stays, fragments, photos and search cases keep the person they were
-- recorded for, and reads resolve a merged-away record to its survivor through this table while the merge holds.
CREATE TABLE person_merge (
    merge_id            uuid PRIMARY KEY,
    survivor_id         uuid        NOT NULL,
    merged_person_id    uuid        NOT NULL,
    reason              text        NOT NULL,
    merged_stay_ids     uuid[]      NOT NULL,
    merged_fragment_ids uuid[]      NOT NULL,
    merged_at           timestamptz NOT NULL,
    merged_by           text,
    unmerged_at         timestamptz,
    unmerged_by         text,
    unmerge_reason      text
);
-- a record is merged into at most one survivor at a time
CREATE UNIQUE INDEX person_merge_holding ON person_merge (merged_person_id) WHERE unmerged_at IS NULL;
CREATE INDEX person_merge_survivor ON person_merge (survivor_id) WHERE unmerged_at IS NULL;

-- The person a record reads as: its survivor while merged away, else itself.
CREATE FUNCTION survivor_of(p uuid) RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT m.survivor_id FROM person_merge m WHERE m.merged_person_id = p AND m.unmerged_at IS NULL), p)
$$;

-- Every record that reads as the same person as p: its survivor and the records merged into that survivor.
CREATE FUNCTION person_records(p uuid) RETURNS SETOF uuid LANGUAGE sql STABLE AS $$
    SELECT survivor_of(p)
    UNION
    SELECT m.merged_person_id FROM person_merge m WHERE m.survivor_id = survivor_of(p) AND m.unmerged_at IS NULL
$$;
