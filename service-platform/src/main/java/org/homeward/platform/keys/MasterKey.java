package org.homeward.platform.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that wraps every data key of a service's key table, read from a file outside the database
 * (a secret mounted in production). Every service of one installation reads the same master key: it
 * is what lets a consumer unwrap a data key its owner hands out. Its id is a fingerprint, kept beside
 * each wrapped key, so a re-wrap after a master key change knows which keys are still under the old one.
 */
public final class MasterKey {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String id;
    private final SecretKey key;
    private final SecretKey proofKey;

    MasterKey(byte[] material) {
        if (material.length != 32) {
            throw new IllegalArgumentException("A master key is 32 bytes (base64 in its file), not " + material.length);
        }
        this.key = new SecretKeySpec(material, "AES");
        this.id = HexFormat.of().formatHex(sha256("homeward-master-id", material), 0, 8);
        this.proofKey = new SecretKeySpec(sha256("homeward-key-request", material), "HmacSHA256");
    }

    /** Reads the master key from {@code file}; a missing file is made with a new random key (a local run). */
    public static MasterKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "master", ".tmp");
                Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh) + "\n");
                try { // several services starting at once: a link never replaces, so the first file made wins
                    Files.createLink(file, tmp);
                } catch (FileAlreadyExistsException e) {
                    // another service made it first: read theirs
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return new MasterKey(Base64.getDecoder()
                    .decode(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the master key " + file, e);
        }
    }

    public String id() {
        return id;
    }

    /** A data key wrapped: iv and AES-GCM ciphertext, bound to its key id. */
    byte[] wrap(String keyId, SecretKey dataKey) {
        return seal(keyId, dataKey.getEncoded());
    }

    SecretKey unwrap(String keyId, byte[] wrapped) {
        try {
            return new SecretKeySpec(open(keyId, wrapped), "AES");
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Data key " + keyId + " does not unwrap under master key " + id, e);
        }
    }

    /**
     * A secret sealed at rest under this master key (iv and AES-GCM ciphertext), bound to {@code context}
     * (what the secret is, e.g. a key's id), so a sealed value copied to another row does not open there.
     */
    public byte[] seal(String context, byte[] secret) {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ct = cipher.doFinal(secret);
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal " + context, e);
        }
    }

    /** The secret {@link #seal} sealed for {@code context}; fails if it was sealed under another key or context. */
    public byte[] open(String context, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, 12, sealed.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(context + " does not open under master key " + id, e);
        }
    }

    /** Proof that a key request comes from a holder of this master key: HMAC of the key id and the time. */
    String proof(String keyId, long epochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(proofKey);
            return HexFormat.of().formatHex(mac.doFinal((keyId + "\n" + epochSecond).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String purpose, byte[] material) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(purpose.getBytes(StandardCharsets.UTF_8));
            return digest.digest(material);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
