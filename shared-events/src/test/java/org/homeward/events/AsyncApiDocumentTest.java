package org.homeward.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.homeward.events.search.PartnerFeedRecord;
import org.homeward.events.upcast.Upcasters;
import org.junit.jupiter.api.Test;

/** Every registered event type, at its current schema version, is a message of the AsyncAPI document. */
class AsyncApiDocumentTest {

    @Test
    void every_registered_event_type_has_a_message_with_the_schema_of_its_record() throws Exception {
        JsonNode doc = AsyncApiDocument.build();
        assertThat(EventTypes.all()).isNotEmpty();
        for (Class<? extends DomainEvent> type : EventTypes.all()) {
            String name = EventTypes.nameOf(type);
            int version = EventTypes.currentVersion(type);
            String id = AsyncApiDocument.messageId(name, version);
            JsonNode message = doc.at("/components/messages/" + id);
            assertThat(message.path("name").asText()).as(name).isEqualTo(name);
            assertThat(message.at("/payload/properties/eventType/const").asText())
                    .isEqualTo(name);
            assertThat(message.at("/payload/properties/schemaVersion/const").asInt())
                    .isEqualTo(version);
            JsonNode schema = doc.at("/components/schemas/" + id + "/properties");
            for (RecordComponent component : type.getRecordComponents()) {
                assertThat(schema.has(component.getName()))
                        .as(name + "." + component.getName())
                        .isTrue();
            }
            String service = name.substring(0, name.indexOf('.'));
            assertThat(doc.at("/channels/" + service + "/messages/" + id + "/$ref")
                            .asText())
                    .isEqualTo("#/components/messages/" + id);
        }
        // every version a consumer may still meet: the upcasters' older shapes, beside the current one
        assertThat(Upcasters.ALL).isNotEmpty();
        for (Upcaster u : Upcasters.ALL) {
            String id = AsyncApiDocument.messageId(u.eventType(), u.fromVersion());
            String service = u.eventType().substring(0, u.eventType().indexOf('.'));
            assertThat(doc.at("/channels/" + service + "/messages/" + id + "/$ref")
                            .asText())
                    .as(id)
                    .isEqualTo("#/components/messages/" + id);
            assertThat(doc.at("/components/messages/" + id + "/payload/properties/schemaVersion/const")
                            .asInt())
                    .isEqualTo(u.fromVersion());
            for (RecordComponent component : u.fromShape().getRecordComponents()) {
                assertThat(doc.at("/components/schemas/" + id + "/properties").has(component.getName()))
                        .as(id + "." + component.getName())
                        .isTrue();
            }
        }
        assertThat(doc.at("/components/schemas/outreach_SupportGiven_v1/properties/amount/type")
                        .asText())
                .isEqualTo("number");
        assertThat(doc.at("/components/schemas/outreach_SupportGiven_v2/properties/amountFen/type")
                        .asText())
                .isEqualTo("integer");
        // a personal value is sealed on the wire (ADR 33), or clear in events written before sealing
        String registered = AsyncApiDocument.messageId("intake.PersonRegistered", 1);
        assertThat(doc.at("/components/schemas/" + registered + "/properties/name/oneOf/0/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/SealedValue");
        assertThat(doc.at("/components/schemas/" + registered + "/properties/name/oneOf/1/type")
                        .asText())
                .isEqualTo("string");
        assertThat(doc.at("/components/schemas/" + registered + "/properties/estimatedAge/type")
                        .asText())
                .isEqualTo("integer");
        assertThat(doc.at("/components/schemas/SealedValue/required").toString())
                .contains("enc", "kid", "ct");

        // the partner feed, documented like the domain topics, with its signature headers
        String feed = AsyncApiDocument.messageId(PartnerFeedRecord.EVENT_TYPE, 1);
        assertThat(doc.at("/channels/partner-feed/address").asText()).isEqualTo(Topics.PARTNER_FEED);
        assertThat(doc.at("/channels/partner-feed/messages/" + feed + "/$ref").asText())
                .isEqualTo("#/components/messages/" + feed);
        assertThat(doc.at("/components/schemas/" + feed + "/properties/occurredAt/format")
                        .asText())
                .isEqualTo("date-time");
        assertThat(doc.at("/components/schemas/" + feed + "/properties/type/enum")
                        .toString())
                .contains("LEAD_RECEIVED", "LEAD_VERIFIED", "FAMILY_FOUND");
        assertThat(doc.at("/components/messageTraits/PartnerFeedHeaders/headers/required")
                        .toString())
                .contains("X-Homeward-Signature", "X-Homeward-Key-Id", "eventId");

        assertThat(doc.at("/components/messageTraits/Headers/headers/required").toString())
                .contains("eventType", "schemaVersion", "eventId");
        assertThat(doc.at("/channels/dlq-reporting/address").asText()).isEqualTo(Topics.deadLetter("reporting"));

        // Written where CI and readers find it beside the build's other contracts.
        Path out = Path.of("target/asyncapi/asyncapi.json");
        AsyncApiDocument.main(new String[] {out.toString()});
        assertThat(Files.readString(out)).contains("\"asyncapi\" : \"3.0.0\"");
    }
}
