package org.homeward.events.upcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;
import org.homeward.events.Upcaster;
import org.homeward.events.outreach.SupportKind;

/**
 * {@code outreach.SupportGiven} version 1 → 2: {@code amount} (yuan, a decimal number) becomes
 * {@code amountFen} (a whole number of fen). Version 1 allowed at most two decimals, so the move is
 * exact; a version-1 record with more is unreadable (dead-lettered), never rounded.
 */
public final class SupportGivenInFen implements Upcaster {

    /** What version 1 looked like, for the AsyncAPI document: consumers may still meet it on the topic. */
    public record SupportGivenV1(
            String partnerId,
            UUID supportId,
            String stationId,
            String giver,
            SupportKind kind,
            String description,
            BigDecimal amount,
            String currency) {}

    @Override
    public String eventType() {
        return "outreach.SupportGiven";
    }

    @Override
    public int fromVersion() {
        return 1;
    }

    @Override
    public Class<? extends Record> fromShape() {
        return SupportGivenV1.class;
    }

    @Override
    public ObjectNode upcast(ObjectNode payload) {
        JsonNode amount = payload.remove("amount");
        if (amount == null || !amount.isNumber()) {
            throw new IllegalArgumentException("outreach.SupportGiven v1 without a numeric amount");
        }
        // decimalValue of a parsed double is BigDecimal.valueOf(double): exact for yuan with two decimals
        BigDecimal fen = amount.decimalValue().movePointRight(2).setScale(0, RoundingMode.UNNECESSARY);
        payload.put("amountFen", fen.longValueExact());
        return payload;
    }
}
