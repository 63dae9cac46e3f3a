package org.homeward.testsupport;

import java.util.Random;

/** Values no other test writes, so a scan for them finds only what the test itself recorded. */
public final class RandomText {
    private static final Random RANDOM = new Random();

    private RandomText() {}

    /** {@code n} random CJK characters. */
    public static String distinct(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) (0x4E00 + RANDOM.nextInt(0x5000)));
        }
        return s.toString();
    }

    /** {@code n} random decimal digits. */
    public static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(RANDOM.nextInt(10));
        }
        return s.toString();
    }
}
