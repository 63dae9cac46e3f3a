package org.homeward.search.partnerfeed;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.homeward.events.EventEnvelope;
import org.homeward.events.search.PartnerEvent.PartnerRegistered;
import org.homeward.platform.sourcing.LocalProjection;

/**
 * A partner gets its first feed signing key in the transaction that registers it, so that listing its
 * keys is a plain read and its first record never waits for one. Not a read model: it empties no table
 * on a replay (secrets cannot be rebuilt from events), and a replay adds a key only to a partner that
 * has none.
 */
@ApplicationScoped
public class FirstFeedKey implements LocalProjection {
    private final PartnerFeedKeys keys;

    public FirstFeedKey(PartnerFeedKeys keys) {
        this.keys = keys;
    }

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof PartnerRegistered registered) {
            keys.first(
                    c,
                    registered.partnerId(),
                    event.actor() == null ? "registration" : event.actor().subject());
        }
    }

    @Override
    public List<String> tables() {
        return List.of();
    }
}
