package org.homeward.events.intake;

/** Build as staff see it (体型): slight 偏瘦, medium 中等, stocky 健壮, heavy 偏胖. */
public enum Build {
    SLIGHT,
    MEDIUM,
    STOCKY,
    HEAVY
}
