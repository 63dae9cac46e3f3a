-- Read models of outreach-service, projections of its event store.
CREATE TABLE program (
    program_id uuid PRIMARY KEY,
    name       text NOT NULL,
    kind       text NOT NULL,
    station_id text NOT NULL,
    partner_id text,
    started_at timestamptz NOT NULL
);

CREATE TABLE patrol (
    patrol_id    uuid PRIMARY KEY,
    program_id   uuid NOT NULL,
    campaign     text,
    area         text NOT NULL,
    teams        int NOT NULL,
    people_met   int NOT NULL,
    conducted_at timestamptz NOT NULL
);

CREATE TABLE street_case (
    case_id         uuid PRIMARY KEY,
    program_id      uuid NOT NULL,
    location        text,
    description     text,
    opened_at       timestamptz NOT NULL,
    last_contact_at timestamptz,
    identified_at   timestamptz,
    name            text,
    hometown        text,
    outcome         text,
    outcome_at      timestamptz,
    referral_id     uuid,
    version         bigint NOT NULL
);
CREATE INDEX street_case_program ON street_case (program_id);

CREATE TABLE contact (
    contact_id     uuid PRIMARY KEY,
    case_id        uuid NOT NULL,
    program_id     uuid NOT NULL,
    services       text NOT NULL,
    supplies_value numeric(12, 2),
    patrol_id      uuid,
    made_by        text,
    made_at        timestamptz NOT NULL
);
CREATE INDEX contact_program_time ON contact (program_id, made_at);

CREATE TABLE volunteer_visits (
    event_id    uuid PRIMARY KEY,
    partner_id  text NOT NULL,
    visits      int NOT NULL,
    purpose     text,
    occurred_at timestamptz NOT NULL
);
