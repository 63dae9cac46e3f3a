-- Spreadsheet imports (see ImportJobs): one row per import job, with its counts and the problems found.
CREATE TABLE import_job (
    job_id         uuid        PRIMARY KEY,
    sheet          text        NOT NULL,
    file_name      text,
    format         text,
    worksheet      text,
    column_map     jsonb       NOT NULL DEFAULT '{}',
    dry_run        boolean     NOT NULL,
    state          text        NOT NULL,
    rows_total     bigint,
    rows_read      bigint      NOT NULL DEFAULT 0,
    rows_imported  bigint      NOT NULL DEFAULT 0,
    rows_unchanged bigint      NOT NULL DEFAULT 0,
    rows_rejected  bigint      NOT NULL DEFAULT 0,
    problem_count  bigint      NOT NULL DEFAULT 0,
    problems       jsonb       NOT NULL DEFAULT '[]',
    detail         text,
    created_by     text        NOT NULL,
    station_scope  text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz
);
CREATE INDEX import_job_created ON import_job (created_at DESC);

-- Every row ever imported, by its sheet and the station's own key for it: a row imported once is
-- not imported again, and rows of other sheets find the ids it created.
CREATE TABLE import_row (
    sheet       text        NOT NULL,
    source_key  text        NOT NULL,
    job_id      uuid        NOT NULL,
    row_number  bigint      NOT NULL,
    entity      jsonb       NOT NULL DEFAULT '{}',
    imported_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sheet, source_key)
);
