package org.homeward.platform.export;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * A {@link RowStream} as an .xlsx sheet, rows written as the cursor yields them (the sheet's layout is
 * {@link SpreadsheetWriter}'s). A writer of its own type: one declared for any object would be a
 * candidate for every answer and could take a JSON endpoint's media type.
 */
@Provider
@Produces(SpreadsheetWriter.XLSX)
public class RowStreamSpreadsheetWriter implements MessageBodyWriter<RowStream<?>> {

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
        SpreadsheetWriter.write(rows.rowType(), rows::forEach, headers, out);
    }
}
