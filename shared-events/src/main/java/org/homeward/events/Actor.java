package org.homeward.events;

/** Who caused an event: the token's subject and role, and the partner a PARTNER acts for. */
public record Actor(String subject, String role, String partnerId) {
    public static final Actor SYSTEM = new Actor("homeward", "SYSTEM", null);
}
