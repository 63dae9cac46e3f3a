-- Merge chains with set semantics (ADR 31, 38), replacing V6_1_1's. intake never forms a cycle of merges that hold, but a
-- corrupt table could; the chains stay total and the same for every record of the cycle:
-- survivor_of walks up along simple paths only (no record twice), to the end of the longest one (the
-- least id among equally long ends); a walk that ends by meeting itself resolves to the least id on the
-- cycle it met, so every record of a cycle, and every record merged into one, reads as that record.
-- person_records walks down from the survivor with UNION, which drops a record already seen.
-- This file is the one definition: reporting applies it to each fact schema (PersonMergeTable.chainFunctions),
-- with its own condition for a merge that holds in place of this table's.
CREATE OR REPLACE FUNCTION survivor_of(p uuid) RETURNS uuid LANGUAGE sql STABLE AS $$
    WITH RECURSIVE up(id, path) AS (
        SELECT p, ARRAY[p]
        UNION ALL
        SELECT m.survivor_id, up.path || m.survivor_id FROM up
        JOIN person_merge m ON m.merged_person_id = up.id AND m.unmerged_at IS NULL
        WHERE m.survivor_id <> ALL (up.path) AND cardinality(up.path) <= 64
    ),
    walked AS (SELECT id, path FROM up ORDER BY cardinality(path) DESC, id LIMIT 1)
    SELECT coalesce(
        (SELECT r FROM walked
            JOIN person_merge m ON m.merged_person_id = walked.id AND m.unmerged_at IS NULL
                AND m.survivor_id = ANY (walked.path),
            unnest(walked.path[array_position(walked.path, m.survivor_id):]) r
         WHERE cardinality(walked.path) > 1
         ORDER BY r LIMIT 1),
        (SELECT id FROM walked))
$$;

CREATE OR REPLACE FUNCTION person_records(p uuid) RETURNS SETOF uuid LANGUAGE sql STABLE AS $$
    WITH RECURSIVE down(id) AS (
        SELECT survivor_of(p)
        UNION
        SELECT m.merged_person_id FROM down
        JOIN person_merge m ON m.survivor_id = down.id AND m.unmerged_at IS NULL
    )
    SELECT id FROM down
$$;
