-- A merge's reasons are personal values, sealed with the person's key (ADR 35): a service holding no key
-- of intake's reads them as null, and so does every service once the person is erased.
ALTER TABLE person_merge ALTER COLUMN reason DROP NOT NULL;
