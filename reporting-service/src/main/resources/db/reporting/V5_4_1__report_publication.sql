-- Publications of reports (docs/adr/0027): who published which report, with which parameters, frozen at
-- which record-time instant (known_at), and the SHA-256 of the document as published. Append-only: a
-- publication is never changed or withdrawn by rewriting; reproducing it recomputes the report at known_at.
CREATE TABLE report_publication (
    position        bigserial   UNIQUE,
    publication_id  uuid        PRIMARY KEY,
    report_type     text        NOT NULL,
    parameters      jsonb       NOT NULL,
    known_at        timestamptz NOT NULL,
    sha256          text        NOT NULL,
    published_by    text        NOT NULL,
    published_role  text,
    published_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX report_publication_latest ON report_publication (report_type, published_at DESC);

CREATE FUNCTION report_publication_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'report_publication is append-only';
END $$;
CREATE TRIGGER report_publication_append_only BEFORE UPDATE OR DELETE ON report_publication
    FOR EACH ROW EXECUTE FUNCTION report_publication_is_append_only();
