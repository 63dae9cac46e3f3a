-- Read models of search-service: projections of its event store, plus what it learns from intake.
CREATE TABLE partner (
    partner_id    text PRIMARY KEY,
    name          text NOT NULL,
    kind          text NOT NULL,
    registered_at timestamptz NOT NULL
);

CREATE TABLE search_case (
    case_id          uuid PRIMARY KEY,
    person_id        uuid NOT NULL,
    opening_reason   text NOT NULL,
    stay_id          uuid,
    opened_at        timestamptz NOT NULL,
    last_progress_at timestamptz NOT NULL,
    first_notice_at  timestamptz,
    dna_requested_at timestamptz,
    succeeded_at     timestamptz,
    closed_at        timestamptz,
    closure_reason   text,
    version          bigint NOT NULL
);
-- One open case per person, enforced where the case is opened.
CREATE UNIQUE INDEX search_case_one_open_per_person ON search_case (person_id) WHERE closed_at IS NULL;

CREATE TABLE lead (
    lead_id      uuid PRIMARY KEY,
    case_id      uuid NOT NULL,
    channel      text NOT NULL,
    partner_id   text,
    summary      text NOT NULL,
    reported_by  text,
    reported_at  timestamptz NOT NULL,
    verification text,
    verified_at  timestamptz,
    contacted    text
);
CREATE INDEX lead_case ON lead (case_id);

CREATE TABLE notice (
    notice_id    uuid PRIMARY KEY,
    case_id      uuid NOT NULL,
    medium       text NOT NULL,
    published_at timestamptz NOT NULL
);
CREATE INDEX notice_case ON notice (case_id);

CREATE TABLE success (
    case_id            uuid PRIMARY KEY,
    person_id          uuid NOT NULL,
    lead_id            uuid NOT NULL,
    channel            text NOT NULL,
    partner_id         text,
    first_lead_channel text,
    credited_staff     text,
    credited_unit      text,
    occurred_at        timestamptz NOT NULL
);

-- What intake told us about people: admissions (for deadlines) and how many fragments were gathered.
CREATE TABLE known_person (
    person_id   uuid PRIMARY KEY,
    fragments   int NOT NULL DEFAULT 0
);
