-- Missing-person reports (寻人登记), their status history, and the residents the team excluded for them.
CREATE TABLE missing_report (
    report_id         uuid PRIMARY KEY,
    reporter_kind     text NOT NULL,
    partner_id        text,
    source            text,
    source_reference  text,
    reporter_name     text,
    reporter_relation text,
    reporter_phone    text,
    name              text NOT NULL,
    other_names       text[] NOT NULL DEFAULT '{}',
    sex               text NOT NULL,
    birth_year        int,
    age_when_last_seen int,
    hometown          text,
    hometown_code     text,
    dialect           text,
    last_seen_on      date NOT NULL,
    last_seen_place   text,
    description       text,
    status            text NOT NULL,
    submitted_at      timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    version           bigint NOT NULL
);
CREATE INDEX missing_report_partner ON missing_report (partner_id);
CREATE INDEX missing_report_status ON missing_report (status, submitted_at);

CREATE TABLE missing_report_history (
    report_id   uuid NOT NULL,
    seq         bigint NOT NULL,
    status      text NOT NULL,
    occurred_at timestamptz NOT NULL,
    note        text,
    person_id   uuid,
    PRIMARY KEY (report_id, seq)
);

CREATE TABLE candidate_exclusion (
    report_id   uuid NOT NULL,
    person_id   uuid NOT NULL,
    score       int NOT NULL,
    reason      text NOT NULL,
    excluded_by text,
    excluded_at timestamptz NOT NULL,
    PRIMARY KEY (report_id, person_id)
);

CREATE TABLE candidate_lead (
    report_id  uuid NOT NULL,
    person_id  uuid NOT NULL,
    case_id    uuid NOT NULL,
    lead_id    uuid NOT NULL,
    channel    text NOT NULL,
    score      int NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (report_id, person_id)
);
