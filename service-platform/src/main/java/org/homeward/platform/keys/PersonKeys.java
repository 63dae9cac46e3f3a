package org.homeward.platform.keys;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.personal.DataKey;
import org.homeward.events.personal.Keyring;
import org.homeward.events.personal.KeysUnavailableException;

/**
 * The service's keyring (ADR 33): the data keys of the subjects whose personal values it seals, in its
 * {@code person_key} table wrapped under the master key, and the keys of values other services sealed,
 * asked of their owner ({@code homeward.keys.owner.<service>} is its base URL) and kept only in memory.
 * <p>
 * A key is made on first need in a short transaction of its own (never the command's: an aborted
 * command leaves at most an unused key). Keys read are cached for {@link #CACHE_FOR}, so another
 * instance's erasure is seen within that time; the instance that erases forgets at once.
 */
@ApplicationScoped
public class PersonKeys implements Keyring, SealedUnderMaster {
    static final Duration CACHE_FOR = Duration.ofMinutes(5);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final AgroalDataSource dataSource;
    private final String owner;
    private final MasterKey master;
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final Map<UUID, Cached<DataKey>> sealing = new ConcurrentHashMap<>();
    private final Map<String, Cached<SecretKey>> opening = new ConcurrentHashMap<>();

    private record Cached<T>(Optional<T> key, Instant until) {
        boolean fresh() {
            return Instant.now().isBefore(until);
        }
    }

    public PersonKeys(
            AgroalDataSource dataSource,
            Config config,
            @ConfigProperty(name = "homeward.service") String owner,
            @ConfigProperty(name = "homeward.keys.master-file", defaultValue = "data/keys/master.key")
                    String masterFile) {
        this.dataSource = dataSource;
        this.owner = owner;
        this.master = MasterKey.fromFile(Path.of(masterFile));
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("homeward.keys.owner.")) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(url ->
                                owners.put(name.substring("homeward.keys.owner.".length()), url.replaceAll("/+$", "")));
            }
        }
    }

    public String owner() {
        return owner;
    }

    /** The master key (ADR 33), for other secrets kept sealed at rest ({@link SealedUnderMaster}). */
    public MasterKey master() {
        return master;
    }

    @Override
    public boolean seals() {
        return true;
    }

    @Override
    public Optional<DataKey> sealing(UUID subject) {
        Cached<DataKey> cached = sealing.get(subject);
        if (cached != null && cached.fresh()) {
            return cached.key();
        }
        Optional<DataKey> key = withConnection(
                c -> current(c, subject).or(() -> made(c, subject)).orElse(null));
        Optional<DataKey> live = key.filter(k -> k.key() != null);
        sealing.put(subject, new Cached<>(live, Instant.now().plus(CACHE_FOR)));
        return live;
    }

    @Override
    public Optional<SecretKey> opening(String keyId) {
        Cached<SecretKey> cached = opening.get(keyId);
        if (cached != null && cached.fresh()) {
            return cached.key();
        }
        String keyOwner = DataKey.owner(keyId);
        Optional<SecretKey> key;
        if (keyOwner.equals(owner)) {
            key = withConnection(c -> stored(c, keyId)
                    .map(wrapped -> master.unwrap(keyId, wrapped))
                    .orElse(null));
        } else if (owners.containsKey(keyOwner)) {
            key = fetched(keyOwner, keyId);
        } else {
            key = Optional.empty(); // a service that needs no personal values of that owner holds none of its keys
        }
        opening.put(keyId, new Cached<>(key, Instant.now().plus(CACHE_FOR)));
        return key;
    }

    /** The wrapped data key a key id names, for its owner's key endpoint; empty when destroyed or unknown. */
    public Optional<byte[]> wrapped(String keyId) {
        return withConnection(c -> stored(c, keyId).orElse(null));
    }

    /** Whether the key id names a key this service made (destroyed or not). */
    public boolean known(String keyId) {
        return withConnection(c -> exists(c, keyId) ? Boolean.TRUE : null).isPresent();
    }

    /**
     * Destroys every key of {@code subjects} in the caller's transaction, and marks subjects that had no
     * key yet, so none of them is ever given one again. Call {@link #forget} once it committed.
     */
    public void destroy(Connection c, Collection<UUID> subjects) throws SQLException {
        Object[] ids = subjects.toArray();
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE person_key SET wrapped_key = NULL, master_key_id = NULL, "
                        + "destroyed_at = now() WHERE subject_id = ANY (?) AND destroyed_at IS NULL")) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO person_key (subject_id, version, destroyed_at) "
                + "SELECT s, 1, now() FROM unnest(?::uuid[]) s ON CONFLICT DO NOTHING")) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.executeUpdate();
        }
    }

    /** Drops cached keys of {@code subjects} (after an erasure, here or announced by their owner). */
    public void forget(Collection<UUID> subjects) {
        for (UUID subject : subjects) {
            sealing.remove(subject);
            String infix = ":" + subject + ":";
            opening.keySet().removeIf(kid -> kid.contains(infix));
        }
    }

    /** Re-wraps under the current master key every live data key still wrapped under {@code previous}. */
    @Override
    public int reseal(Connection c, MasterKey previous) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT subject_id, version, wrapped_key FROM person_key "
                + "WHERE destroyed_at IS NULL AND master_key_id = ? FOR UPDATE")) {
            ps.setString(1, previous.id());
            try (ResultSet rs = ps.executeQuery();
                    PreparedStatement up = c.prepareStatement(
                            "UPDATE person_key SET wrapped_key = ?, master_key_id = ? WHERE subject_id = ? AND version = ?")) {
                while (rs.next()) {
                    UUID subject = rs.getObject(1, UUID.class);
                    String kid = DataKey.id(owner, subject, rs.getInt(2));
                    up.setBytes(1, master.wrap(kid, previous.unwrap(kid, rs.getBytes(3))));
                    up.setString(2, master.id());
                    up.setObject(3, subject);
                    up.setInt(4, rs.getInt(2));
                    up.executeUpdate();
                    n++;
                }
            }
        }
        return n;
    }

    private Optional<DataKey> current(Connection c, UUID subject) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT version, wrapped_key FROM person_key WHERE subject_id = ? "
                        + "ORDER BY version DESC LIMIT 1")) {
            ps.setObject(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String kid = DataKey.id(owner, subject, rs.getInt(1));
                byte[] wrapped = rs.getBytes(2);
                // a destroyed key answers a DataKey without material: the subject is erased
                return Optional.of(new DataKey(kid, wrapped == null ? null : master.unwrap(kid, wrapped)));
            }
        }
    }

    private Optional<DataKey> made(Connection c, UUID subject) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            SecretKey key = generator.generateKey();
            String kid = DataKey.id(owner, subject, 1);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO person_key (subject_id, version, wrapped_key, "
                    + "master_key_id) VALUES (?, 1, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setObject(1, subject);
                ps.setBytes(2, master.wrap(kid, key));
                ps.setString(3, master.id());
                ps.executeUpdate();
            }
            return current(c, subject); // whoever inserted first, this is the key
        } catch (NoSuchAlgorithmException | SQLException e) {
            throw new IllegalStateException("Cannot make a data key", e);
        }
    }

    private Optional<byte[]> stored(Connection c, String keyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT wrapped_key FROM person_key WHERE subject_id = ? AND version = ? AND wrapped_key IS NOT NULL")) {
            ps.setObject(1, DataKey.subject(keyId));
            ps.setInt(2, version(keyId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    private boolean exists(Connection c, String keyId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM person_key WHERE subject_id = ? AND version = ?")) {
            ps.setObject(1, DataKey.subject(keyId));
            ps.setInt(2, version(keyId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int version(String keyId) {
        return Integer.parseInt(keyId.substring(keyId.lastIndexOf(':') + 1));
    }

    /** Asks the owner for a key (its {@code /internal/keys} endpoint); waits out an owner that does not answer. */
    private Optional<SecretKey> fetched(String keyOwner, String keyId) {
        long now = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(owners.get(keyOwner) + "/internal/keys/" + keyId))
                .timeout(Duration.ofSeconds(10))
                .header(KeyResource.PROOF_HEADER, now + ":" + master.proof(keyId, now))
                .GET()
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return Optional.of(master.unwrap(
                        keyId, Base64.getDecoder().decode(response.body().strip())));
            }
            if (response.statusCode() == 410 || response.statusCode() == 404) {
                return Optional.empty(); // destroyed (the subject was erased), or never made
            }
            throw new KeysUnavailableException(
                    keyOwner + "-service answered " + response.statusCode() + " for key " + keyId);
        } catch (IOException e) {
            throw new KeysUnavailableException(
                    keyOwner + "-service unreachable for key " + keyId + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeysUnavailableException("interrupted");
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> Optional<T> withConnection(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return Optional.ofNullable(work.run(c));
        } catch (SQLException e) {
            throw new IllegalStateException("Key table unavailable: " + e.getMessage(), e);
        }
    }
}
