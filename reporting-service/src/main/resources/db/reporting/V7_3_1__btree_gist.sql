-- A station's stays by period (ADR 37): a GiST index over (station_id, period) needs btree_gist's operator classes
-- for text. A trusted extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gist;
