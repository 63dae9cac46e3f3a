package org.homeward.events.search;

public enum NoticeMedium {
    TV,
    NEWSPAPER,
    NATIONAL_NETWORK,
    NEWS_APP,
    OTHER
}
