package org.homeward.platform.onboarding;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.homeward.platform.sourcing.BusinessTime;

/**
 * One row of a sheet, read by field. Each reader notes what is wrong instead of stopping at the
 * first problem, so the report names every bad cell of the row; {@link #check()} then rejects the
 * row if anything was found.
 */
public final class ImportRow {
    private final long number;
    private final Map<String, String> values;
    private final Map<String, String> headers;
    private final List<RowProblem> problems = new ArrayList<>();

    /** {@code values} and {@code headers} by field; the header is the column's name in the file. */
    public ImportRow(long number, Map<String, String> values, Map<String, String> headers) {
        this.number = number;
        this.values = values;
        this.headers = headers;
    }

    public long number() {
        return number;
    }

    /** The cell, stripped; null when empty or absent. */
    public String text(String field) {
        String v = values.get(field);
        return v == null || v.isBlank() ? null : v.strip();
    }

    public String text(String field, int maxLength) {
        String v = text(field);
        if (v != null && v.length() > maxLength) {
            problem(field, v, "has " + v.length() + " characters; at most " + maxLength);
            return null;
        }
        return v;
    }

    public String required(String field, int maxLength) {
        String v = text(field, maxLength);
        if (v == null && !has(field)) {
            problem(field, null, "is required");
        }
        return v;
    }

    private boolean has(String field) {
        return problems.stream().anyMatch(p -> field.equals(p.field()));
    }

    public Integer integer(String field, int min, int max) {
        String v = text(field);
        if (v == null) {
            return null;
        }
        try {
            BigDecimal n = new BigDecimal(v.replace(",", "").replace("岁", "").strip());
            int i = n.intValueExact();
            if (i < min || i > max) {
                problem(field, v, "must be between " + min + " and " + max);
                return null;
            }
            return i;
        } catch (NumberFormatException | ArithmeticException e) {
            problem(field, v, "is not a whole number");
            return null;
        }
    }

    /** A date, in any of the forms {@link ChineseDates} reads. */
    public OffsetDateTime date(String field, boolean required) {
        String v = text(field);
        if (v == null) {
            if (required) {
                problem(field, null, "is required");
            }
            return null;
        }
        OffsetDateTime at = ChineseDates.parse(v);
        if (at == null) {
            problem(field, v, "is not a date (e.g. 2018-03-01, 2018年3月1日, 2018.3.1, 2018/3/1 9:30)");
        } else if (at.isAfter(BusinessTime.now().plus(BusinessTime.CLOCK_SKEW))) {
            problem(field, v, "is in the future");
            return null;
        } else if (at.getYear() < 1950) {
            problem(field, v, "is before 1950");
            return null;
        }
        return at;
    }

    /** One of {@code type}'s constants, by its name or one of the Chinese {@code labels}. */
    public <E extends Enum<E>> E choice(String field, Class<E> type, Map<String, E> labels, boolean required) {
        String v = text(field);
        if (v == null) {
            if (required) {
                problem(field, null, "is required");
            }
            return null;
        }
        E byLabel = labels.get(v);
        if (byLabel != null) {
            return byLabel;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v.toUpperCase(Locale.ROOT))) {
                return e;
            }
        }
        List<String> allowed = new ArrayList<>(labels.keySet());
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name());
        }
        problem(field, v, "must be one of " + String.join(", ", allowed));
        return null;
    }

    /** 是 / 否, true / false, yes / no, 1 / 0, Y / N. */
    public Boolean yesNo(String field, boolean required) {
        String v = text(field);
        if (v == null) {
            if (required) {
                problem(field, null, "is required");
            }
            return null;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "是", "true", "yes", "y", "1", "已核实", "已确认" -> {
                return true;
            }
            case "否", "false", "no", "n", "0", "未核实", "未确认" -> {
                return false;
            }
            default -> {
                problem(field, v, "must be 是 or 否");
                return null;
            }
        }
    }

    public void problem(String field, String value, String message) {
        problems.add(new RowProblem(
                number, field == null ? null : headers.getOrDefault(field, field), field, value, message));
    }

    /** The value as the file has it, for a problem found later by a rule. */
    public String raw(String field) {
        return values.get(field);
    }

    /** Rejects the row when any reader noted a problem. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new RowRejected(problems);
        }
    }

    public List<RowProblem> problems() {
        return List.copyOf(problems);
    }

    public String header(String field) {
        return headers.get(field);
    }
}
