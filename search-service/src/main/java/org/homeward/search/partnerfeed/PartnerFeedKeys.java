package org.homeward.search.partnerfeed;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.homeward.platform.keys.MasterKey;
import org.homeward.platform.keys.PersonKeys;
import org.homeward.platform.keys.SealedUnderMaster;
import org.homeward.platform.sourcing.Sql;
import org.jboss.logging.Logger;

/**
 * Each partner's feed secrets (table partner_feed_key): the newest signs the partner's records, older
 * ones are kept so records already on the topic still verify. A partner's first key is made with its
 * registration; a partner registered before keys existed gets its first when its first record is
 * signed (the relay's transaction) or when it asks for one (POST). A rotation adds the next one.
 * <p>
 * The secrets are sealed at rest under the master key, bound to the partner and key id (a sealed value
 * moved to another row does not open); rows from before sealing are sealed when the service starts.
 */
@ApplicationScoped
public class PartnerFeedKeys implements SealedUnderMaster {
    static final String PREFIX = "sha256=";
    private static final Logger LOG = Logger.getLogger(PartnerFeedKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "partner_id, key_id, secret, sealed_secret, master_key_id, created_at";

    private final PersonKeys keys;

    public PartnerFeedKeys(PersonKeys keys) {
        this.keys = keys;
    }

    /** A key with its secret: shown only to the partner itself and ADMIN. */
    public record Key(String partnerId, int keyId, String secret, OffsetDateTime createdAt, String algorithm) {}

    /** A key without its secret, for lists. */
    public record KeyInfo(int keyId, OffsetDateTime createdAt, String createdBy, boolean signing) {}

    /** The key that signs the partner's records now; a partner registered before keys existed gets its first here. */
    public Key current(Connection c, String partnerId) throws SQLException {
        Optional<Key> newest = newest(c, partnerId);
        if (newest.isPresent()) {
            return newest.get();
        }
        return first(c, partnerId, "first use");
    }

    /** The partner's first key (at its registration), unless it has one already. */
    public Key first(Connection c, String partnerId, String by) throws SQLException {
        // two first uses at once: one insert wins, both read it
        insert(c, partnerId, 1, by, "ON CONFLICT DO NOTHING");
        return newest(c, partnerId).orElseThrow();
    }

    /** A new key that signs from now on; the older ones stay for verifying older records. */
    public Key rotate(Connection c, String partnerId, String by) throws SQLException {
        Sql.update(c, "LOCK TABLE partner_feed_key IN SHARE ROW EXCLUSIVE MODE");
        int next = Sql.one(
                        c,
                        "SELECT coalesce(max(key_id), 0) + 1 FROM partner_feed_key WHERE partner_id = ?",
                        rs -> rs.getInt(1),
                        partnerId)
                .orElseThrow();
        insert(c, partnerId, next, by, "");
        return newest(c, partnerId).orElseThrow();
    }

    public Optional<Key> find(Connection c, String partnerId, int keyId) throws SQLException {
        return Sql.one(
                c,
                "SELECT " + COLUMNS + " FROM partner_feed_key WHERE partner_id = ? AND key_id = ?",
                this::key,
                partnerId,
                keyId);
    }

    public List<KeyInfo> list(Connection c, String partnerId) throws SQLException {
        return Sql.list(
                c,
                "SELECT key_id, created_at, created_by, key_id = max(key_id) OVER () FROM partner_feed_key "
                        + "WHERE partner_id = ? ORDER BY key_id",
                rs -> new KeyInfo(
                        rs.getInt(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getBoolean(4)),
                partnerId);
    }

    private Optional<Key> newest(Connection c, String partnerId) throws SQLException {
        return Sql.one(
                c,
                "SELECT " + COLUMNS + " FROM partner_feed_key WHERE partner_id = ? ORDER BY key_id DESC LIMIT 1",
                this::key,
                partnerId);
    }

    private void insert(Connection c, String partnerId, int keyId, String by, String onConflict) throws SQLException {
        MasterKey master = keys.master();
        Sql.update(
                c,
                "INSERT INTO partner_feed_key (partner_id, key_id, sealed_secret, master_key_id, created_by) "
                        + "VALUES (?, ?, ?, ?, ?) " + onConflict,
                partnerId,
                keyId,
                master.seal(context(partnerId, keyId), newSecret().getBytes(StandardCharsets.UTF_8)),
                master.id(),
                by);
    }

    private Key key(ResultSet rs) throws SQLException {
        String partnerId = rs.getString(1);
        int keyId = rs.getInt(2);
        String secret = rs.getString(3); // a row from before sealing, until the start seals it
        if (secret == null) {
            secret = new String(keys.master().open(context(partnerId, keyId), rs.getBytes(4)), StandardCharsets.UTF_8);
        }
        return new Key(partnerId, keyId, secret, rs.getObject(6, OffsetDateTime.class), "HMAC-SHA256");
    }

    /** What a sealed secret is bound to. */
    private static String context(String partnerId, int keyId) {
        return "partner-feed-key:" + partnerId + ":" + keyId;
    }

    /** Seals the secrets kept in clear before sealing existed (one transaction; several instances at once wait). */
    void sealClearSecrets(@Observes StartupEvent started, AgroalDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int n = sealClear(c);
            c.commit();
            if (n > 0) {
                LOG.infof(
                        "Sealed %d partner feed secrets kept in clear under master key %s",
                        n, keys.master().id());
            }
        }
    }

    public int sealClear(Connection c) throws SQLException {
        MasterKey master = keys.master();
        List<Key> clear = Sql.list(
                c, "SELECT " + COLUMNS + " FROM partner_feed_key WHERE secret IS NOT NULL FOR UPDATE", this::key);
        for (Key k : clear) {
            Sql.update(
                    c,
                    "UPDATE partner_feed_key SET sealed_secret = ?, master_key_id = ?, secret = NULL "
                            + "WHERE partner_id = ? AND key_id = ?",
                    master.seal(context(k.partnerId(), k.keyId()), k.secret().getBytes(StandardCharsets.UTF_8)),
                    master.id(),
                    k.partnerId(),
                    k.keyId());
        }
        return clear.size();
    }

    @Override
    public int reseal(Connection c, MasterKey previous) throws SQLException {
        MasterKey master = keys.master();
        record Sealed(String partnerId, int keyId, byte[] sealed) {}
        List<Sealed> under = Sql.list(
                c,
                "SELECT partner_id, key_id, sealed_secret FROM partner_feed_key WHERE master_key_id = ? FOR UPDATE",
                rs -> new Sealed(rs.getString(1), rs.getInt(2), rs.getBytes(3)),
                previous.id());
        for (Sealed s : under) {
            String context = context(s.partnerId(), s.keyId());
            Sql.update(
                    c,
                    "UPDATE partner_feed_key SET sealed_secret = ?, master_key_id = ? WHERE partner_id = ? AND key_id = ?",
                    master.seal(context, previous.open(context, s.sealed())),
                    master.id(),
                    s.partnerId(),
                    s.keyId());
        }
        return under.size();
    }

    /** The X-Homeward-Signature value of a record value: sha256= and the hex HMAC-SHA256 of its UTF-8 bytes. */
    public static String signature(String secret, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 32 random bytes, base64url: the HMAC key is the text's UTF-8 bytes, as a partner copies it. */
    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
