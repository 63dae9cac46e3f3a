-- The latest rebuild's progress as its runner last reported it (ADR 29): with several instances of
-- reporting-service, the one asked may not be the one running it. One row; the runner writes it at
-- each batch and at each change of state.
CREATE TABLE rebuild_run (
    id                int              PRIMARY KEY CHECK (id = 1),
    state             text             NOT NULL,
    target            text,
    done              bigint           NOT NULL,
    total             bigint           NOT NULL,
    events_per_second double precision NOT NULL,
    started_at        timestamptz,
    finished_at       timestamptz,
    error             text,
    resumed_from      bigint           NOT NULL,
    updated_at        timestamptz      NOT NULL DEFAULT clock_timestamp()
);
