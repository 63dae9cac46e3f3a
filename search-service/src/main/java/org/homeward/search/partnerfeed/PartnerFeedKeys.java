package org.homeward.search.partnerfeed;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.homeward.platform.sourcing.Sql;

/**
 * Each partner's feed secrets (table partner_feed_key): the newest signs the partner's records, older
 * ones are kept so records already on the topic still verify. A partner's first key is made with its
 * registration; a partner registered before keys existed gets its first when its first record is
 * signed (the relay's transaction) or when it asks for one (POST). A rotation adds the next one.
 */
@ApplicationScoped
public class PartnerFeedKeys {
    static final String PREFIX = "sha256=";
    private static final SecureRandom RANDOM = new SecureRandom();

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
        Sql.update(
                c,
                "INSERT INTO partner_feed_key (partner_id, key_id, secret, created_by) VALUES (?, 1, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                partnerId,
                newSecret(),
                by);
        return newest(c, partnerId).orElseThrow();
    }

    /** A new key that signs from now on; the older ones stay for verifying older records. */
    public Key rotate(Connection c, String partnerId, String by) throws SQLException {
        Sql.update(c, "LOCK TABLE partner_feed_key IN SHARE ROW EXCLUSIVE MODE");
        Sql.update(
                c,
                "INSERT INTO partner_feed_key (partner_id, key_id, secret, created_by) "
                        + "SELECT ?, coalesce(max(key_id), 0) + 1, ?, ? FROM partner_feed_key WHERE partner_id = ?",
                partnerId,
                newSecret(),
                by,
                partnerId);
        return newest(c, partnerId).orElseThrow();
    }

    public Optional<Key> find(Connection c, String partnerId, int keyId) throws SQLException {
        return Sql.one(
                c,
                "SELECT partner_id, key_id, secret, created_at FROM partner_feed_key WHERE partner_id = ? AND key_id = ?",
                rs -> new Key(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class),
                        "HMAC-SHA256"),
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
                "SELECT partner_id, key_id, secret, created_at FROM partner_feed_key WHERE partner_id = ? "
                        + "ORDER BY key_id DESC LIMIT 1",
                rs -> new Key(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class),
                        "HMAC-SHA256"),
                partnerId);
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
