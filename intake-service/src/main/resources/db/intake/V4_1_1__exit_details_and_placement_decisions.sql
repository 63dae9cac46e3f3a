-- What staff recorded on a discharge, by exit type (one row per stay), and the 10-day rule's
-- placement decisions on open stays.
CREATE TABLE exit_detail_view (
    stay_id              uuid PRIMARY KEY,
    picked_up_by         text,
    relation             text,
    destination          text,
    transport            text,
    escort_staff         text,
    receiving_station_id text,
    signed_statement     boolean,
    statement_reference  text,
    institution          text
);
CREATE TABLE placement_decision_view (
    stay_id    uuid NOT NULL,
    version    bigint NOT NULL,
    decision   text NOT NULL,
    note       text,
    decided_at timestamptz NOT NULL,
    PRIMARY KEY (stay_id, version)
);
