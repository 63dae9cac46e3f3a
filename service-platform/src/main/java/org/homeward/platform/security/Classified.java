package org.homeward.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read-model field as personal data of a class in {@link FieldPolicy}: it is left out of
 * the JSON answer for a caller whose roles may not see that class.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface Classified {
    FieldPolicy.DataClass value();
}
