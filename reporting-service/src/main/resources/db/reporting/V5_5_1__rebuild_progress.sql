-- A rebuild in progress (ADR 29), kept so that a restart resumes it instead of starting over: for
-- each partition, where the rebuild started, how far it has applied into the target schema (moved in
-- the same transaction as the facts) and the end offset taken at its start, which it must reach.
CREATE TABLE rebuild_offset (
    target       text   NOT NULL,
    topic        text   NOT NULL,
    partition    int    NOT NULL,
    begin_offset bigint NOT NULL,
    next_offset  bigint NOT NULL,
    end_offset   bigint NOT NULL,
    PRIMARY KEY (target, topic, partition)
);

-- The target schema's secondary indexes, dropped while it fills and created again before the switch.
CREATE TABLE rebuild_deferred_index (
    target     text NOT NULL,
    index_name text NOT NULL,
    definition text NOT NULL,
    PRIMARY KEY (target, index_name)
);
