package org.homeward.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Local JWTs (RS256) for a local run and for tests: a key pair in a folder, and tokens for a role
 * (and a partner). In production any OIDC provider issues the tokens; the services only verify.
 * {@code java Tokens DIR init} writes the pair; {@code java Tokens DIR ROLE [PARTNER_ID]} prints a token, and
 * {@code java Tokens DIR ROLE --station STATION_ID} one bound to a station.
 */
public final class Tokens {
    public static final String ISSUER = "https://homeward.local";

    private final Path dir;
    private final PrivateKey privateKey;

    private Tokens(Path dir, PrivateKey privateKey) {
        this.dir = dir;
        this.privateKey = privateKey;
    }

    /** The pair in {@code dir}, created when missing. */
    public static synchronized Tokens in(Path dir) {
        try {
            Path priv = dir.resolve("privateKey.pem");
            if (!Files.exists(priv)) {
                Files.createDirectories(dir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(
                        dir.resolve("publicKey.pem"),
                        pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            String body =
                    Files.readString(priv).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            return new Tokens(dir, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A pair for this test JVM, under java.io.tmpdir. */
    public static Tokens forTests() {
        return in(Path.of(System.getProperty("java.io.tmpdir"), "homeward-jwt"));
    }

    public Path publicKey() {
        return dir.resolve("publicKey.pem");
    }

    public String token(String role) {
        return token(role.toLowerCase() + "-user", role, null);
    }

    public String token(String subject, String role, String partnerId) {
        return sign(subject, List.of(role), partnerId, ISSUER, Instant.now().plusSeconds(8 * 3600));
    }

    /** A token of a user bound to one station (claim {@code stationId}): they see only that station's work. */
    public String tokenAtStation(String role, String stationId) {
        return sign(
                role.toLowerCase() + "-at-" + stationId,
                List.of(role),
                null,
                ISSUER,
                Instant.now().plusSeconds(8 * 3600),
                Map.of("stationId", stationId));
    }

    /** Valid tokens that name no role of the platform: no groups claim, an empty list, an unknown role. */
    public Map<String, String> withoutAKnownRole() {
        Instant expires = Instant.now().plusSeconds(8 * 3600);
        return Map.of(
                "no groups claim", sign("nobody-1", null, null, ISSUER, expires),
                "empty groups", sign("nobody-2", List.of(), null, ISSUER, expires),
                "unknown role", sign("nobody-3", List.of("JANITOR"), null, ISSUER, expires));
    }

    /** Any claims, for tests of expired or foreign tokens; {@code groups} null leaves the claim out. */
    public String sign(String subject, List<String> groups, String partnerId, String issuer, Instant expires) {
        return sign(subject, groups, partnerId, issuer, expires, Map.of());
    }

    /** As above, with further string claims (e.g. {@code stationId}). */
    public String sign(
            String subject,
            List<String> groups,
            String partnerId,
            String issuer,
            Instant expires,
            Map<String, String> claimsToAdd) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        StringBuilder claims = new StringBuilder("{");
        claims.append("\"iss\":\"").append(issuer).append("\",");
        claims.append("\"sub\":\"").append(subject).append("\",");
        claims.append("\"upn\":\"").append(subject).append("\",");
        claims.append("\"jti\":\"").append(UUID.randomUUID()).append("\",");
        claims.append("\"iat\":").append(Instant.now().getEpochSecond() - 5).append(',');
        if (partnerId != null) {
            claims.append("\"partnerId\":\"").append(partnerId).append("\",");
        }
        claimsToAdd.forEach((name, value) ->
                claims.append('"').append(name).append("\":\"").append(value).append("\","));
        if (groups != null) { // null: a token without a groups claim at all
            claims.append("\"groups\":[")
                    .append(groups.stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(",")))
                    .append("],");
        }
        claims.append("\"exp\":").append(expires.getEpochSecond()).append('}');
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    public static void main(String[] args) {
        Tokens tokens = in(Path.of(args[0]));
        if (args.length < 2 || args[1].equals("init")) {
            System.out.println(tokens.publicKey());
            return;
        }
        String role = args[1];
        if (args.length > 3 && args[2].equals("--station")) { // a user bound to one station (ADR 13)
            System.out.println(tokens.tokenAtStation(role, args[3]));
            return;
        }
        String partner = args.length > 2 ? args[2] : null;
        if (role.equals("PARTNER") && partner == null) {
            throw new IllegalArgumentException("A PARTNER token names its partner: token PARTNER <partnerId>");
        }
        System.out.println(
                tokens.token(partner != null ? partner + "-integration" : role.toLowerCase() + "-user", role, partner));
    }
}
