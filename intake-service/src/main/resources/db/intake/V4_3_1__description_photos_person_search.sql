-- A person's physical description (read model, rebuilt from DescriptionRecorded).
CREATE TABLE person_description_view (
    person_id             uuid PRIMARY KEY,
    height_min_cm         int,
    height_max_cm         int,
    build                 text,
    hair                  text,
    marks                 jsonb NOT NULL,
    disabilities          jsonb NOT NULL,
    languages             jsonb NOT NULL,
    clothing_at_admission text,
    described_at          timestamptz NOT NULL,
    described_by          text
);

-- Which photos belong to whom (read model, rebuilt from PhotoAdded).
CREATE TABLE person_photo_view (
    person_id    uuid NOT NULL,
    sha256       text NOT NULL,
    content_type text NOT NULL,
    size_bytes   bigint NOT NULL,
    kind         text NOT NULL,
    added_at     timestamptz NOT NULL,
    PRIMARY KEY (person_id, sha256)
);

-- The photo bytes, once per content hash (ADR 14). Not a read model: a rebuild keeps it.
CREATE TABLE photo_blob (
    sha256       text PRIMARY KEY,
    content_type text NOT NULL,
    size_bytes   bigint NOT NULL,
    bytes        bytea NOT NULL,
    stored_at    timestamptz NOT NULL DEFAULT now()
);

-- Person search (read model): every name a person was known by, with its tone-less pinyin spellings and
-- initials as keys (and the spellings of each later part: 伟 in 张伟). Pinyin is found by btree prefix on the key; a name fragment (阿强 in 小阿强) by trigrams.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE person_name_key (
    person_id uuid NOT NULL,
    name      text NOT NULL,
    source    text NOT NULL,
    key_kind  text NOT NULL,
    key       text NOT NULL,
    PRIMARY KEY (person_id, name, key_kind, key)
);
CREATE INDEX person_name_key_key ON person_name_key (key_kind, key text_pattern_ops);
CREATE INDEX person_name_key_name_trgm ON person_name_key USING gin (name gin_trgm_ops);
CREATE INDEX person_view_hometown_trgm ON person_view USING gin (hometown gin_trgm_ops);
CREATE INDEX stay_view_person ON stay_view (person_id, admitted_at);
