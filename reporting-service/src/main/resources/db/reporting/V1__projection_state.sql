-- Which fact schema answers reports now, and which one a rebuild is filling.
CREATE TABLE projection_state (
    id          int PRIMARY KEY CHECK (id = 1),
    live        text NOT NULL,
    rebuilding  text
);
INSERT INTO projection_state VALUES (1, 'facts_a', NULL);
