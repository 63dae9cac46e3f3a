package org.homeward.platform.names;

import java.util.UUID;

/**
 * A person's name as intake knows it, for a list that shows people by id (a report's drill-down):
 * {@code personId} as asked (a merged-away record answers with its survivor's name), {@code name} as
 * recorded (null while nobody knows it), {@code identityStatus} CONFIRMED, UNIDENTIFIED or
 * IDENTITY_REQUESTED. Intake answers it to the roles that may read persons and audits every look;
 * reporting forwards the caller's look-up and keeps nothing (ADR 32).
 */
public record PersonName(UUID personId, String name, String identityStatus) {}
