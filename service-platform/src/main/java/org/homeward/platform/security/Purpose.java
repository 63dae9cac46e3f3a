package org.homeward.platform.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Why a caller looks at a record: the {@code X-Purpose} header, written to the audit log. A closed list. */
public enum Purpose {
    /** Looking after the person in the station (照护). */
    CARE,
    /** Searching for the family (寻亲). */
    FAMILY_SEARCH,
    /** Establishing who the person is: police checks, face recognition, DNA (身份核查). */
    IDENTIFICATION,
    /** Street outreach and referrals (站外救助). */
    OUTREACH,
    /** Figures and their drill-downs (统计). */
    STATISTICS,
    /** The weekly or monthly review of cases (例会). */
    MONTHLY_REVIEW,
    /** Supervision of the platform and its audit trail (监督). */
    OVERSIGHT,
    /** No header sent. */
    UNSPECIFIED;

    public static final String HEADER = "X-Purpose";

    /** Empty for an unknown name; a missing or blank header is UNSPECIFIED. */
    public static Optional<Purpose> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.of(UNSPECIFIED);
        }
        String name = header.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p != UNSPECIFIED && p.name().equals(name))
                .findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values())
                .filter(p -> p != UNSPECIFIED)
                .map(Enum::name)
                .collect(Collectors.joining(", "));
    }
}
