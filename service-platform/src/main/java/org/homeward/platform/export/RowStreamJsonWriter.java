package org.homeward.platform.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** A {@link RowStream} as a JSON array, each row written with the application's mapper as the cursor yields it. */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class RowStreamJsonWriter implements MessageBodyWriter<RowStream<?>> {
    private final ObjectMapper mapper;

    public RowStreamJsonWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return RowStream.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(
            RowStream<?> rows,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException {
        // one flush at the end, not one per row (each would go out as a chunk of its own)
        ObjectWriter row = mapper.writerFor(rows.rowType()).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        try (JsonGenerator json =
                mapper.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.writeStartArray();
            try {
                rows.forEach(r -> {
                    try {
                        row.writeValue(json, r);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            json.writeEndArray();
        }
    }
}
