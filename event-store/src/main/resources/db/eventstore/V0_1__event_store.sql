-- The event store is also the outbox: what is appended here is what the relay publishes.
CREATE TABLE event_store (
    position        BIGSERIAL PRIMARY KEY,
    -- commit-order-safe reading: the writing transaction's id (see LogReader)
    tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
    event_id        uuid        NOT NULL UNIQUE,
    stream_type     text        NOT NULL,
    stream_id       text        NOT NULL,
    stream_version  bigint      NOT NULL,
    event_type      text        NOT NULL,
    schema_version  int         NOT NULL,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor           jsonb,
    correlation_id  uuid,
    causation_id    uuid,
    payload         jsonb       NOT NULL,
    CONSTRAINT event_store_stream_version UNIQUE (stream_type, stream_id, stream_version)
);
CREATE INDEX event_store_commit_order ON event_store (tx_id, position);

-- Append-only: history is corrected by new events, never by rewriting old ones.
CREATE FUNCTION event_store_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'event_store is append-only';
END $$;
CREATE TRIGGER event_store_append_only BEFORE UPDATE OR DELETE ON event_store
    FOR EACH ROW EXECUTE FUNCTION event_store_is_append_only();

-- Where each log follower (the outbox relay, local projections) has got to.
CREATE TABLE log_checkpoint (
    reader    text   PRIMARY KEY,
    tx_id     xid8   NOT NULL,
    position  bigint NOT NULL
);

-- Events from other services already applied here (idempotent consumers).
CREATE TABLE processed_event (
    consumer     text        NOT NULL,
    event_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Answers to POST commands by Idempotency-Key: a retried call gets the first answer.
CREATE TABLE idempotent_request (
    key          text        PRIMARY KEY,
    status       int,
    content_type text,
    body         text,
    created_at   timestamptz NOT NULL DEFAULT now()
);
