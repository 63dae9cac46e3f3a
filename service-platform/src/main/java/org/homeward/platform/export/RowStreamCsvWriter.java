package org.homeward.platform.export;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A {@link RowStream} as CSV for {@code Accept:} {@value #CSV}: RFC 4180
 * (CRLF, fields quoted when they hold a comma, quote or line break), UTF-8 with a byte-order mark so
 * Excel shows the Chinese headers, the same headers and cell texts as the sheet, rows written as
 * they come.
 */
@Provider
@Produces(RowStreamCsvWriter.CSV)
public class RowStreamCsvWriter implements MessageBodyWriter<RowStream<?>> {
    public static final String CSV = "text/csv";

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return RowStream.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(
            RowStream<?> table,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException {
        Class<?> row = table.rowType();
        headers.putSingle("Content-Type", CSV + ";charset=UTF-8");
        headers.putSingle(
                "Content-Disposition",
                "attachment; filename=\"homeward-" + row.getSimpleName().toLowerCase() + ".csv\"");
        RecordComponent[] columns = row.getRecordComponents();
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        csv.write('\uFEFF');
        for (int c = 0; c < columns.length; c++) {
            csv.write((c == 0 ? "" : ",") + field(SpreadsheetWriter.label(columns[c])));
        }
        csv.write("\r\n");
        try {
            table.forEach(record -> {
                try {
                    for (int c = 0; c < columns.length; c++) {
                        Object value = SpreadsheetWriter.value(columns[c], record);
                        String text = value == null
                                ? ""
                                : value instanceof BigDecimal d
                                        ? d.toPlainString()
                                        : value instanceof Number n
                                                ? n.toString()
                                                : value instanceof Boolean b
                                                        ? (b ? "是" : "否")
                                                        : inert(SpreadsheetWriter.text(value));
                        csv.write((c == 0 ? "" : ",") + field(text));
                    }
                    csv.write("\r\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        csv.flush();
    }

    /** Text a spreadsheet would take for a formula (=, +, -, @ first: a giver's name typed by anyone) is kept text. */
    private static String inert(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
