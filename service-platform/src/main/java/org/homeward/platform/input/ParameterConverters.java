package org.homeward.platform.input;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Ids, numbers and dates in paths and query strings. JAX-RS answers a path or query value that cannot be
 * converted with a bare 404, as if the resource did not exist; here it is a 400 naming the parameter.
 * A blank date reads as absent, as a blank enum constant does.
 */
@Provider
public class ParameterConverters implements ParamConverterProvider {
    private record Reading(String expected, Function<String, Object> parse) {}

    private static final Map<Class<?>, Reading> READINGS = Map.of(
            UUID.class, new Reading("must be a UUID", ParameterConverters::uuid),
            Integer.class, new Reading("must be a whole number", Integer::valueOf),
            int.class, new Reading("must be a whole number", Integer::valueOf),
            Long.class, new Reading("must be a whole number", Long::valueOf),
            long.class, new Reading("must be a whole number", Long::valueOf),
            Boolean.class, new Reading("must be true or false", ParameterConverters::bool),
            boolean.class, new Reading("must be true or false", ParameterConverters::bool),
            LocalDate.class, new Reading("must be a date YYYY-MM-DD", ParameterConverters::date));

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType.isEnum() && query(annotations)) {
            return constantOf(rawType, nameOf(annotations));
        }
        Reading reading = READINGS.get(rawType);
        if (reading == null) {
            return null;
        }
        String name = nameOf(annotations);
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                // a blank date is one not given: the resource's "is required" says more than "must be a date"
                if (value == null || (rawType == LocalDate.class && value.isBlank())) {
                    return null;
                }
                try {
                    return (T) reading.parse().apply(value.strip());
                } catch (IllegalArgumentException e) {
                    throw new BadParameterException(name, reading.expected());
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }

    /**
     * A query parameter naming one of an enum's constants (a programme kind, a lead channel): blank is
     * absent, like a parameter not sent; anything else is 400 listing the constants.
     */
    private static <T> ParamConverter<T> constantOf(Class<T> type, String name) {
        List<T> constants = List.of(type.getEnumConstants());
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null || value.isBlank()) {
                    return null;
                }
                for (T constant : constants) {
                    if (((Enum<?>) constant).name().equals(value.strip())) {
                        return constant;
                    }
                }
                throw new BadParameterException(name, "must be one of " + constants);
            }

            @Override
            public String toString(T value) {
                return value == null ? null : ((Enum<?>) value).name();
            }
        };
    }

    private static boolean query(Annotation[] annotations) {
        for (Annotation a : annotations == null ? new Annotation[0] : annotations) {
            if (a instanceof QueryParam) {
                return true;
            }
        }
        return false;
    }

    private static UUID uuid(String value) {
        // UUID.fromString accepts short forms such as "1-2-3-4-5"; an id is the canonical 36 characters
        if (value.length() != 36) {
            throw new IllegalArgumentException(value);
        }
        return UUID.fromString(value);
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(value, e);
        }
    }

    private static Boolean bool(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
        }
        throw new IllegalArgumentException(value);
    }

    private static String nameOf(Annotation[] annotations) {
        for (Annotation a : annotations == null ? new Annotation[0] : annotations) {
            if (a instanceof PathParam p) {
                return p.value();
            } else if (a instanceof QueryParam q) {
                return q.value();
            } else if (a instanceof HeaderParam h) {
                return h.value();
            } else if (a instanceof CookieParam c) {
                return c.value();
            } else if (a instanceof MatrixParam m) {
                return m.value();
            } else if (a instanceof FormParam f) {
                return f.value();
            }
        }
        return "parameter";
    }
}
