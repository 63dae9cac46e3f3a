-- The care institutions a station places people in (read model, rebuilt from InstitutionRegistered).
CREATE TABLE institution (
    station_id     text        NOT NULL,
    institution_id text        NOT NULL,
    name           text        NOT NULL,
    kind           text        NOT NULL,
    registered_at  timestamptz NOT NULL,
    PRIMARY KEY (station_id, institution_id),
    UNIQUE (station_id, name)
);
