package org.homeward.platform.input;

/**
 * Text the platform can store: PostgreSQL refuses the NUL character in text (the whole command would
 * fail with a 500), and a surrogate without its pair is not a character at all (it would be stored
 * as {@code ?}). Both are refused where they come in, naming the field.
 */
public final class StorableText {

    /** Why {@code text} cannot be stored, or null when it can. */
    public static String problem(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired surrogate (U+"
                        + Integer.toHexString(c).toUpperCase() + ")";
            }
        }
        return null;
    }

    private StorableText() {}
}
