package org.homeward.reporting.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The arithmetic of docs/definitions.md (Conventions): HALF_UP to one decimal, null over a zero base. */
public final class Figures {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** (now − before) / before × 100. */
    public static BigDecimal changePercent(long now, long before) {
        return before == 0
                ? null
                : BigDecimal.valueOf(now - before)
                        .multiply(HUNDRED)
                        .divide(BigDecimal.valueOf(before), 1, RoundingMode.HALF_UP);
    }

    public static BigDecimal ratio(long now, long before) {
        return before == 0 ? null : BigDecimal.valueOf(now).divide(BigDecimal.valueOf(before), 1, RoundingMode.HALF_UP);
    }

    public static BigDecimal share(long count, long total) {
        return total == 0
                ? null
                : BigDecimal.valueOf(count)
                        .multiply(HUNDRED)
                        .divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP);
    }

    /** Whole calendar months when both ends are the first of a month, else days ÷ 30.4375. */
    public static BigDecimal months(LocalDate from, LocalDate to) {
        if (from.getDayOfMonth() == 1 && to.getDayOfMonth() == 1) {
            return BigDecimal.valueOf(ChronoUnit.MONTHS.between(from, to));
        }
        return BigDecimal.valueOf(ChronoUnit.DAYS.between(from, to))
                .divide(new BigDecimal("30.4375"), 10, RoundingMode.HALF_UP);
    }

    public static BigDecimal monthlyAverage(long count, LocalDate from, LocalDate to) {
        BigDecimal months = months(from, to);
        return months.signum() == 0 ? null : BigDecimal.valueOf(count).divide(months, 1, RoundingMode.HALF_UP);
    }

    /** Stations per unit of population or area, two decimals. */
    public static BigDecimal perUnit(long stations, BigDecimal units) {
        return units == null || units.signum() == 0
                ? null
                : BigDecimal.valueOf(stations).divide(units, 2, RoundingMode.HALF_UP);
    }

    /** a ÷ b to {@code scale} decimals, HALF_UP; null over a zero base. */
    public static BigDecimal divide(long a, long b, int scale) {
        return b == 0 ? null : BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), scale, RoundingMode.HALF_UP);
    }

    /** The median of whole numbers, one decimal (the mean of the two middle values for an even count); null if none. */
    public static BigDecimal median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        long twice = n % 2 == 1 ? 2 * sorted.get(n / 2) : sorted.get(n / 2 - 1) + sorted.get(n / 2);
        return BigDecimal.valueOf(twice).divide(BigDecimal.valueOf(2), 1, RoundingMode.HALF_UP);
    }

    private Figures() {}
}
