-- What outreach knows of the other services' registries, from their topics: references are checked against them.
CREATE TABLE known_station (
    station_id text PRIMARY KEY,
    name       text NOT NULL
);

CREATE TABLE known_partner (
    partner_id text PRIMARY KEY,
    name       text NOT NULL,
    kind       text NOT NULL
);
