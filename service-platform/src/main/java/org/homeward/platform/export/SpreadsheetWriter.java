package org.homeward.platform.export;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.homeward.platform.sourcing.BusinessTime;

/**
 * Any table an endpoint answers (a list of records, or a {@link RowStream} of them) as an .xlsx sheet,
 * for {@code Accept:} {@value #XLSX}: one row per record, a header row of Chinese column names
 * ({@code META-INF/homeward-column-labels.properties} of each module: field=label; a field without a
 * label keeps its name), numbers as numbers, lists as one cell (a、b), times in the platform's zone.
 * Rows go to the response as they come (FastExcel flushes the sheet every 1,000 rows), so a
 * {@link RowStream} is never held whole, whatever its length.
 */
@Provider
@Produces(SpreadsheetWriter.XLSX)
public class SpreadsheetWriter implements MessageBodyWriter<List<?>> {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Properties LABELS = labels();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return List.class.isAssignableFrom(type) && rowType(genericType) != null;
    }

    @Override
    public void writeTo(
            List<?> table,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException, WebApplicationException {
        write(rowType(genericType), table::forEach, headers, out);
    }

    /** A sheet of {@code row} records taken from {@code rows} as they come (RowStreamSpreadsheetWriter's too). */
    static void write(
            Class<?> row, Consumer<Consumer<Object>> rows, MultivaluedMap<String, Object> headers, OutputStream out)
            throws IOException {
        RecordComponent[] columns = row.getRecordComponents();
        headers.putSingle(
                "Content-Disposition",
                "attachment; filename=\"homeward-" + row.getSimpleName().toLowerCase() + ".xlsx\"");
        Workbook workbook = new Workbook(out, "Homeward", "1.0");
        Worksheet sheet = workbook.newWorksheet("数据");
        for (int c = 0; c < columns.length; c++) {
            String label = label(columns[c]);
            sheet.value(0, c, label);
            sheet.style(0, c).bold().set();
            sheet.width(c, Math.max(12, label.length() * 2.5));
        }
        int[] r = {1};
        try {
            rows.accept(record -> {
                for (int c = 0; c < columns.length; c++) {
                    Object value = value(columns[c], record);
                    if (value instanceof Number n) {
                        sheet.value(r[0], c, n);
                    } else if (value instanceof Boolean b) {
                        sheet.value(r[0], c, b ? "是" : "否");
                    } else if (value != null) {
                        sheet.value(r[0], c, text(value));
                    }
                }
                if (r[0] % 1_000 == 0) {
                    try {
                        sheet.flush(); // bounded memory for long drill-downs
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                r[0]++;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        workbook.finish();
    }

    /** A column's Chinese header (the CSV writer uses the same). */
    static String label(RecordComponent column) {
        return LABELS.getProperty(column.getName(), column.getName());
    }

    static Object value(RecordComponent column, Object record) {
        try {
            return column.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value that is not a number or a yes/no, as a cell shows it. */
    static String text(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.atZoneSameInstant(BusinessTime.PLATFORM_ZONE).format(TIME);
        } else if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining("、"));
        } else if (value instanceof LocalDate d) {
            return d.toString();
        }
        return String.valueOf(value);
    }

    /** The record type of a {@code List<SomeRecord>}, or null. */
    static Class<?> rowType(Type genericType) {
        if (genericType instanceof ParameterizedType p
                && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] instanceof Class<?> c
                && c.isRecord()) {
            return c;
        }
        return null;
    }

    private static Properties labels() {
        Properties all = new Properties();
        try {
            Enumeration<URL> files = Thread.currentThread()
                    .getContextClassLoader()
                    .getResources("META-INF/homeward-column-labels.properties");
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    all.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }
}
