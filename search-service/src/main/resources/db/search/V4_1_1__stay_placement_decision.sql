-- The 10-day rule: when a placement decision was first made for a stay (an explicit decision,
-- entrusted care 托养 begun, or the exit), kept from intake's events by the intake consumer.
CREATE TABLE stay_placement_decision (
    stay_id    uuid PRIMARY KEY,
    decided_at timestamptz NOT NULL
);

-- Stays whose case a discharge closed before this table: the exit was their decision.
INSERT INTO stay_placement_decision (stay_id, decided_at)
SELECT stay_id, min(closed_at) FROM search_case
WHERE stay_id IS NOT NULL AND closure_reason IN ('PERSON_DISCHARGED', 'PERSON_DECEASED')
GROUP BY stay_id
ON CONFLICT DO NOTHING;
