-- Each partner's secrets for the partner feed's signatures (HMAC-SHA256). Not an event: a secret must
-- never reach a topic. The newest key signs; older ones stay so records signed with them still verify.
CREATE TABLE partner_feed_key (
    partner_id text        NOT NULL,
    key_id     int         NOT NULL CHECK (key_id > 0),
    secret     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    created_by text        NOT NULL,
    PRIMARY KEY (partner_id, key_id)
);
