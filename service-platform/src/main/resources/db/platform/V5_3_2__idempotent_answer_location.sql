-- A replayed 201 or 202 answers the same Location as the first answer did.
ALTER TABLE idempotent_request ADD COLUMN location text;
