package org.homeward.domain;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an aggregate: a class that decides on commands and evolves from its stream's events.
 * The architecture tests find aggregates by this mark and keep them free of infrastructure
 * (event store, HTTP, SQL, Quarkus), so a new aggregate is checked without being listed anywhere.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Aggregate {}
