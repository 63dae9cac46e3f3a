-- A partner's feed secrets are sealed at rest under the master key (ADR 25, ADR 33): a copy of the
-- database (a backup, a dump handed to support) signs nothing. sealed_secret is AES-GCM bound to the
-- key's partner and id; master_key_id names the master key it is under, for a master key change. The
-- clear column stays only for rows written before this change: the service seals them at its start.
ALTER TABLE partner_feed_key
    ADD COLUMN sealed_secret bytea,
    ADD COLUMN master_key_id text,
    ALTER COLUMN secret DROP NOT NULL,
    ADD CONSTRAINT partner_feed_key_secret_kept
        CHECK (secret IS NOT NULL OR (sealed_secret IS NOT NULL AND master_key_id IS NOT NULL));
