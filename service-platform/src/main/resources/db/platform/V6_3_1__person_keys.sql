-- Data keys of the persons (data subjects) whose personal values this service seals in its events
-- (ADR 33). Each key is wrapped (AES-GCM) under the master key, whose fingerprint is kept beside it, so
-- the table alone opens nothing: the master key comes from outside the database (a file mounted from a
-- secret; a KMS or Vault transit backend is the place for it in production). Erasing a subject destroys
-- its keys: wrapped_key becomes NULL and destroyed_at says when; the row stays, so the subject reads as
-- erased and is never given a new key. Keys are never events and never go on a topic.
CREATE TABLE person_key (
    subject_id    uuid        NOT NULL,
    version       int         NOT NULL,
    wrapped_key   bytea,
    master_key_id text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    destroyed_at  timestamptz,
    PRIMARY KEY (subject_id, version),
    CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
);
