-- Read models of intake-service: projections of its event store, rebuilt by replaying it.
CREATE TABLE station (
    station_id                text PRIMARY KEY,
    name                      text NOT NULL,
    non_registered_population bigint,
    area_km2                  numeric,
    registered_at             timestamptz NOT NULL
);

CREATE TABLE person_view (
    person_id             uuid PRIMARY KEY,
    name                  text,
    sex                   text NOT NULL,
    estimated_age         int,
    hometown              text,
    description           text,
    identity_confirmed_at timestamptz,
    family_found_at       timestamptz,
    family_found_case     uuid,
    version               bigint NOT NULL,
    registered_at         timestamptz NOT NULL
);

CREATE TABLE fragment_view (
    fragment_id  uuid PRIMARY KEY,
    person_id    uuid NOT NULL,
    kind         text NOT NULL,
    value        text NOT NULL,
    source       text NOT NULL,
    collected_by text,
    occurred_at  timestamptz NOT NULL,
    recorded_at  timestamptz NOT NULL
);
CREATE INDEX fragment_view_person ON fragment_view (person_id);

CREATE TABLE stay_view (
    stay_id         uuid PRIMARY KEY,
    person_id       uuid NOT NULL,
    station_id      text NOT NULL,
    arrival_channel text NOT NULL,
    referral_id     uuid,
    admitted_at     timestamptz NOT NULL,
    discharged_at   timestamptz,
    exit_type       text,
    version         bigint NOT NULL
);
-- A person has at most one open stay: enforced here, in the transaction that admits.
CREATE UNIQUE INDEX stay_view_one_open_per_person ON stay_view (person_id) WHERE discharged_at IS NULL;

CREATE TABLE hospitalisation_view (
    hospitalisation_id uuid PRIMARY KEY,
    stay_id            uuid NOT NULL,
    hospital           text NOT NULL,
    started_at         timestamptz NOT NULL,
    ended_at           timestamptz
);
CREATE INDEX hospitalisation_view_stay ON hospitalisation_view (stay_id);

CREATE TABLE referral_view (
    referral_id    uuid PRIMARY KEY,
    street_case_id uuid,
    station_id     text,
    name           text,
    expected_at    timestamptz NOT NULL,
    stay_id        uuid,
    arrived_at     timestamptz
);
