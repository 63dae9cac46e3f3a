package org.homeward.events.personal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The id whose key seals the record's {@link Personal} components, for records without a
 * {@code personId} (a stay's exit details: the stay's key, destroyed with the person's).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface DataSubject {}
