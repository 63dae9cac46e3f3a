package org.homeward.events.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One record of the partner feed (topic {@code <prefix>.partner-feed}, keyed by partnerId): what
 * became of a partner's own lead, with no person data. {@code occurredAt} is RFC 3339 with seconds;
 * {@code outcome} only on LEAD_VERIFIED. The value is signed with the partner's own secret: header
 * {@link #SIGNATURE_HEADER} = {@code sha256=} + hex HMAC-SHA256 of the value's UTF-8 bytes, with the
 * key named by {@link #KEY_ID_HEADER}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerFeedRecord(
        Kind type,
        String partnerId,
        UUID leadId,
        UUID caseId,
        VerificationOutcome outcome,
        OffsetDateTime occurredAt,
        UUID eventId) {
    public static final String EVENT_TYPE = "search.PartnerFeedRecord";
    public static final int SCHEMA_VERSION = 1;
    public static final String SIGNATURE_HEADER = "X-Homeward-Signature";
    public static final String KEY_ID_HEADER = "X-Homeward-Key-Id";

    public enum Kind {
        LEAD_RECEIVED,
        LEAD_VERIFIED,
        FAMILY_FOUND
    }
}
