package org.homeward.events.intake;

/** Kinds of distinguishing mark (体貌特征) a family can recognise: 疤痕, 纹身, 缺指, 胎记, 痣, 烧伤, 截肢, 其他. */
public enum MarkKind {
    SCAR,
    TATTOO,
    MISSING_FINGER,
    BIRTHMARK,
    MOLE,
    BURN,
    AMPUTATION,
    OTHER
}
