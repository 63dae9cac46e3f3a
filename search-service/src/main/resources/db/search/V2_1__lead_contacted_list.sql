-- Whom the team contacted to verify a lead was one text joined with newlines: an omitted list read
-- back as [""] and an item containing a newline read back as two. One array element per item now,
-- refilled from the stored LeadVerified events (the events were always right).
ALTER TABLE lead ALTER COLUMN contacted TYPE text[] USING NULL;

UPDATE lead l
SET contacted = ARRAY(SELECT item FROM jsonb_array_elements_text(e.payload -> 'contacted') WITH ORDINALITY AS c (item, n)
                      ORDER BY n)
FROM event_store e
WHERE e.event_type = 'search.LeadVerified'
  AND e.payload ->> 'leadId' = l.lead_id::text
  AND jsonb_typeof(e.payload -> 'contacted') = 'array';
