package org.homeward.events.personal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component of an event record that holds personal data (a name, a hometown, a description, a
 * relative's name, free text about a person). Sealed with the data subject's key when an event is
 * stored or published, so destroying that key erases the value from the log and the topics (ADR 33).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Personal {}
