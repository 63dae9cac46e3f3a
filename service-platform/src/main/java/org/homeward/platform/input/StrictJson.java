package org.homeward.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.temporal.Temporal;

/**
 * The REST ObjectMapper of every service reads a field only from the JSON type it is declared as:
 * a number is not a name, {@code 5} is not an enum constant, {@code "2"} and {@code 2.7} are not
 * integers, {@code "true"} and {@code 1} are not booleans, a number is not a date. Jackson's default
 * would coerce each and the command would be stored with a value the client never meant. Text must
 * also be storable ({@link StorableText}). Each refusal is a 400 naming the field (ProblemMappers).
 *
 * <p>Only the CDI ObjectMapper (request and response bodies) is configured here: stored events are
 * read by shared-events' EventCodec with its own mapper, so events already stored stay readable.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    @SuppressWarnings("deprecation") // MapperFeature on a built mapper: Quarkus hands over the mapper, not its builder
    public void customize(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        refuse(
                mapper,
                LogicalType.Textual,
                CoercionInputShape.Integer,
                CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        refuse(
                mapper,
                LogicalType.Integer,
                CoercionInputShape.String,
                CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
        refuse(
                mapper,
                LogicalType.Boolean,
                CoercionInputShape.String,
                CoercionInputShape.Integer,
                CoercionInputShape.Float);
        refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.Float);
        mapper.registerModule(module());
    }

    /** A JSON value of one of {@code shapes} is never read as a {@code type}: it is a 400 naming the field. */
    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("homeward-strict-json");
        module.addDeserializer(String.class, new StorableStringDeserializer());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(
                    DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
                return Temporal.class.isAssignableFrom(description.getBeanClass())
                        ? new TemporalFromTextOnly(deserializer)
                        : deserializer;
            }
        });
        return module;
    }

    /** Strings as Jackson reads them (coercion rules included), then refused if PostgreSQL could not store them. */
    static final class StorableStringDeserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            String problem = StorableText.problem(value);
            if (problem != null) {
                throw new UnstorableTextException(p, problem);
            }
            return value;
        }
    }

    /** Dates and times only from ISO-8601 text: java.time would read a number as an epoch. */
    static final class TemporalFromTextOnly extends DelegatingDeserializer {
        TemporalFromTextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new TemporalFromTextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            return super.deserialize(p, ctxt);
        }
    }
}
