package org.homeward.platform.onboarding;

import java.util.List;

/**
 * One column of an import sheet: the English {@code field} the code reads, the Chinese
 * {@code header} of the template, and the other headers a station's own sheet may use for it.
 */
public record Column(String field, String header, boolean required, String help, String example, List<String> aliases) {
    public static Column required(String field, String header, String help, String example, String... aliases) {
        return new Column(field, header, true, help, example, List.of(aliases));
    }

    public static Column optional(String field, String header, String help, String example, String... aliases) {
        return new Column(field, header, false, help, example, List.of(aliases));
    }

    /** The template's header cell: the Chinese name with the field beside it, e.g. {@code 姓名(name)}. */
    public String templateHeader() {
        return header + "(" + field + ")";
    }
}
