package org.homeward.events.intake;

/** The photo taken at admission (入站照片), or one taken later. */
public enum PhotoKind {
    ADMISSION,
    LATER
}
