-- Merges of merges (ADR 31): a survivor S that absorbed A may itself be merged into T; A then reads as T
-- too, and undoing S into T gives A back to S. A record reads as the end of its chain of merges that hold;
-- intake refuses a merge that would close a cycle, the depth bound only guards a corrupt table.
CREATE OR REPLACE FUNCTION survivor_of(p uuid) RETURNS uuid LANGUAGE sql STABLE AS $$
    WITH RECURSIVE up(id, depth) AS (
        SELECT p, 0
        UNION ALL
        SELECT m.survivor_id, up.depth + 1 FROM up
        JOIN person_merge m ON m.merged_person_id = up.id AND m.unmerged_at IS NULL
        WHERE up.depth < 64
    )
    SELECT id FROM up ORDER BY depth DESC LIMIT 1
$$;

-- Every record that reads as the same person as p: its survivor and every record merged into it, at any depth.
CREATE OR REPLACE FUNCTION person_records(p uuid) RETURNS SETOF uuid LANGUAGE sql STABLE AS $$
    WITH RECURSIVE down(id, depth) AS (
        SELECT survivor_of(p), 0
        UNION ALL
        SELECT m.merged_person_id, down.depth + 1 FROM down
        JOIN person_merge m ON m.survivor_id = down.id AND m.unmerged_at IS NULL
        WHERE down.depth < 64
    )
    SELECT id FROM down
$$;
