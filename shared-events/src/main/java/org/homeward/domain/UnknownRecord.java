package org.homeward.domain;

import java.util.List;

/** The command names a record (a person, a stay, a lead …) that does not exist. */
public final class UnknownRecord extends DomainException {
    public UnknownRecord(String what, Object id) {
        super(what + " " + id + " does not exist", List.of());
    }
}
