package org.homeward.events.search;

public enum ClosureReason { PERSON_DISCHARGED, MANUAL }
