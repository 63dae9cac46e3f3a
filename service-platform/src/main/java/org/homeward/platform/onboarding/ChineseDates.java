package org.homeward.platform.onboarding;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homeward.platform.sourcing.BusinessTime;

/**
 * Dates as Chinese spreadsheets write them: {@code 2018-03-01}, {@code 2018/3/1}, {@code 2018.3.1},
 * {@code 2018年3月1日}, {@code 20180301}, each optionally with a time ({@code 9:30}, {@code 9时30分},
 * {@code 09:30:15}); an ISO instant with its offset; and the serial day numbers Excel stores in a
 * date cell ({@code 43160}, {@code 43160.5}). A date without a time is the start of that day; all of
 * them are read in the platform's zone.
 */
public final class ChineseDates {
    private static final Pattern WRITTEN =
            Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*[日号]?"
                    + "(?:[\\sT]*(\\d{1,2})\\s*[:：时点時]\\s*(\\d{1,2})\\s*分?\\s*(?:[:：]?\\s*(\\d{1,2})\\s*秒?)?)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern SERIAL = Pattern.compile("(\\d{5})(\\.\\d+)?");
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private ChineseDates() {}

    /** The instant, or null when the text is no date of these forms (or an impossible one, such as 2 月 30 日). */
    public static OffsetDateTime parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t);
        } catch (DateTimeParseException notIso) {
            // one of the written forms below
        }
        try {
            Matcher m = WRITTEN.matcher(t);
            if (m.matches()) {
                LocalDateTime at = LocalDate.of(
                                Integer.parseInt(m.group(1)),
                                Integer.parseInt(m.group(2)),
                                Integer.parseInt(m.group(3)))
                        .atStartOfDay();
                if (m.group(4) != null) {
                    at = at.withHour(Integer.parseInt(m.group(4)))
                            .withMinute(Integer.parseInt(m.group(5)))
                            .withSecond(m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                }
                return local(at);
            }
            m = COMPACT.matcher(t);
            if (m.matches()) {
                return local(LocalDate.of(
                                Integer.parseInt(m.group(1)),
                                Integer.parseInt(m.group(2)),
                                Integer.parseInt(m.group(3)))
                        .atStartOfDay());
            }
            m = SERIAL.matcher(t);
            if (m.matches()) {
                double fraction = m.group(2) == null ? 0 : Double.parseDouble("0" + m.group(2));
                return local(EXCEL_EPOCH
                        .plusDays(Long.parseLong(m.group(1)))
                        .atStartOfDay()
                        .plusSeconds(Math.round(fraction * 86_400)));
            }
        } catch (DateTimeException impossible) {
            return null;
        }
        return null;
    }

    private static OffsetDateTime local(LocalDateTime at) {
        return at.atZone(BusinessTime.PLATFORM_ZONE).toOffsetDateTime();
    }
}
