-- A retried key must carry the same request; the hash tells a retry from a key reused by mistake.
ALTER TABLE idempotent_request ADD COLUMN request_hash text;
