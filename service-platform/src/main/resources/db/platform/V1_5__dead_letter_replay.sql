-- Dead letters handed back to their consumer (see DeadLetters): each is replayed at most once.
CREATE TABLE dead_letter_replay (
    topic         text        NOT NULL,
    partition     int         NOT NULL,
    record_offset bigint      NOT NULL,
    event_id      uuid,
    replayed_at   timestamptz NOT NULL DEFAULT now(),
    replayed_by   text        NOT NULL,
    PRIMARY KEY (topic, partition, record_offset)
);

-- The transaction that stored an idempotent answer: the same one that appended the command's events.
ALTER TABLE idempotent_request ADD COLUMN tx_id xid8;
