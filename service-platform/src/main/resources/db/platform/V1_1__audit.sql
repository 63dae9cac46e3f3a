-- Every look at a person's record and every drill-down: who, when, what, why.
CREATE TABLE audit_log (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    subject    text NOT NULL,
    role       text,
    partner_id text,
    action     text NOT NULL,
    target     text NOT NULL,
    purpose    text NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject, at);
CREATE INDEX audit_log_target ON audit_log (target, at);
