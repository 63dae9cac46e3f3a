package org.homeward.platform.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * Tone-less Hanyu pinyin of Chinese text from pinyin4j, with every reading of a polyphone (曾: ceng
 * and zeng), so that names that were only heard can be compared by sound. Shared by search-service's
 * matching and intake's person search, so both hear a name the same way.
 */
public final class Pinyin {
    /** Polyphones multiply spellings; a name of a few characters stays well under this. */
    private static final int MAX_SPELLINGS = 16;

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    /** Readings and merged-accent forms, cached: candidate scoring compares thousands of pairs a query (ADR 15). */
    private static final ConcurrentHashMap<Character, Set<String>> READINGS = new ConcurrentHashMap<>();

    private static final ConcurrentHashMap<String, String> FUZZY = new ConcurrentHashMap<>();

    /** The readings of one character; a character that is not Chinese reads as itself. */
    public static Set<String> readings(char c) {
        return READINGS.computeIfAbsent(c, Pinyin::lookUp);
    }

    private static Set<String> lookUp(char c) {
        try {
            String[] found = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            if (found != null && found.length > 0) {
                return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(found)));
            }
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException(e);
        }
        return Set.of(String.valueOf(Character.toLowerCase(c)));
    }

    /** One reading set per character. */
    public static List<Set<String>> of(String text) {
        List<Set<String>> syllables = new ArrayList<>();
        for (char c : text.toCharArray()) {
            if (!Character.isWhitespace(c)) {
                syllables.add(readings(c));
            }
        }
        return syllables;
    }

    /** The first reading of each character, joined with spaces, for an explanation. */
    public static String spoken(String text) {
        return String.join(" ", of(text).stream().map(s -> s.iterator().next()).toList());
    }

    /** Two characters that can be read alike. */
    public static boolean sameSound(char a, char b) {
        return a == b || intersects(readings(a), readings(b));
    }

    /** Two characters that sound alike in the accents where zh/z, ch/c, sh/s, n/l, an/ang, en/eng, in/ing merge. */
    public static boolean nearSound(char a, char b) {
        for (String x : readings(a)) {
            for (String y : readings(b)) {
                if (fuzzy(x).equals(fuzzy(y))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Same length, and every position sounds alike ({@code near}: in a merging accent). */
    public static boolean sameSound(String a, String b, boolean near) {
        if (a.length() != b.length() || a.isEmpty()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (!(near ? nearSound(a.charAt(i), b.charAt(i)) : sameSound(a.charAt(i), b.charAt(i)))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} contains, at some position, characters read like {@code part}. */
    public static boolean containsSound(String text, String part) {
        for (int start = 0; start + part.length() <= text.length(); start++) {
            if (sameSound(text.substring(start, start + part.length()), part, false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The tone-less spellings of a text, syllables run together (张伟: zhangwei), one per combination of
     * polyphone readings (曾伟: cengwei, zengwei), at most {@value #MAX_SPELLINGS}. Non-Chinese letters and
     * digits stay, lower-cased; everything else is dropped.
     */
    public static Set<String> spellings(String text) {
        return combine(text, false);
    }

    /** The initials of each syllable (张伟: zw; 曾伟: cw, zw), combined like {@link #spellings}. */
    public static Set<String> initials(String text) {
        return combine(text, true);
    }

    /** What a user typed as pinyin, as a key: lower case, ü as v, no spaces, apostrophes or tone digits. */
    public static String typedKey(String typed) {
        return typed.toLowerCase(Locale.ROOT).replace('ü', 'v').replaceAll("[^a-z]", "");
    }

    private static Set<String> combine(String text, boolean initialsOnly) {
        Set<String> keys = new LinkedHashSet<>(List.of(""));
        for (char c : text.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                continue;
            }
            Set<String> next = new LinkedHashSet<>();
            for (String key : keys) {
                for (String reading : readings(c)) {
                    if (next.size() < MAX_SPELLINGS) {
                        next.add(key + (initialsOnly ? reading.substring(0, 1) : reading));
                    }
                }
            }
            keys = next;
        }
        keys.remove("");
        return keys;
    }

    public static String fuzzy(String syllable) {
        return FUZZY.computeIfAbsent(syllable, Pinyin::merged);
    }

    private static String merged(String syllable) {
        String s = syllable.replaceFirst("^zh", "z")
                .replaceFirst("^ch", "c")
                .replaceFirst("^sh", "s")
                .replaceFirst("^l", "n")
                .replaceFirst("^h(?=u)", "f");
        return s.replaceFirst("ang$", "an").replaceFirst("eng$", "en").replaceFirst("ing$", "in");
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        for (String s : a) {
            if (b.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private Pinyin() {}
}
