package org.homeward.intake.photo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Photo bytes with their content type, known by their SHA-256. Only JPEG and PNG are accepted. */
public record Photo(String sha256, String contentType, byte[] bytes) {
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public static Photo of(String contentType, byte[] bytes) {
        return new Photo(sha256(bytes), contentType, bytes);
    }

    /** The type the bytes are, by their magic bytes (never by what the client declared), if JPEG or PNG. */
    public static Optional<String> detectType(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (bytes.length >= PNG_SIGNATURE.length) {
            for (int i = 0; i < PNG_SIGNATURE.length; i++) {
                if (bytes[i] != PNG_SIGNATURE[i]) {
                    return Optional.empty();
                }
            }
            return Optional.of(PNG);
        }
        return Optional.empty();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public long size() {
        return bytes.length;
    }
}
