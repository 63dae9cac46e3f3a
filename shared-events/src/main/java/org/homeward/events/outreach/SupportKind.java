package org.homeward.events.outreach;

/** What the station or a town gave a partner: goods (救助物资, valued at their price) or money (资金). */
public enum SupportKind {
    SUPPLIES("救助物资"),
    FUNDS("资金");

    public final String label;

    SupportKind(String label) {
        this.label = label;
    }
}
