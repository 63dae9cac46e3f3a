-- One database per service (docker-compose only; ./homeward up creates them itself).
CREATE DATABASE homeward_intake;
CREATE DATABASE homeward_search;
CREATE DATABASE homeward_outreach;
CREATE DATABASE homeward_reporting;
