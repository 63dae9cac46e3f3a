package org.homeward.events.intake;

public enum FragmentKind {
    NAME,
    NICKNAME,
    DIALECT,
    HOMETOWN,
    RELATIVE,
    PHONE,
    ID_FRAGMENT,
    OTHER
}
