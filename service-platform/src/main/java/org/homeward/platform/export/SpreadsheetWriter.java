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
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.homeward.platform.sourcing.BusinessTime;

/**
 * Any table an endpoint answers (a list of records) as an .xlsx sheet, for {@code Accept:}
 * {@value #XLSX}: one row per record, a header row of Chinese column names
 * ({@code META-INF/homeward-column-labels.properties} of each module: field=label; a field without a
 * label keeps its name), numbers as numbers, lists as one cell (a、b), times in the platform's zone. Rows are written as they
 * go to the response, not built whole in memory first.
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
    public void writeTo(List<?> rows, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException, WebApplicationException {
        Class<?> row = rowType(genericType);
        RecordComponent[] columns = row.getRecordComponents();
        headers.putSingle("Content-Disposition", "attachment; filename=\"homeward-" + row.getSimpleName().toLowerCase() + ".xlsx\"");
        Workbook workbook = new Workbook(out, "Homeward", "1.0");
        Worksheet sheet = workbook.newWorksheet("数据");
        for (int c = 0; c < columns.length; c++) {
            String label = LABELS.getProperty(columns[c].getName(), columns[c].getName());
            sheet.value(0, c, label);
            sheet.style(0, c).bold().set();
            sheet.width(c, Math.max(12, label.length() * 2.5));
        }
        int r = 1;
        for (Object record : rows) {
            for (int c = 0; c < columns.length; c++) {
                Object value;
                try {
                    value = columns[c].getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (value instanceof Number n) {
                    sheet.value(r, c, n);
                } else if (value instanceof Boolean b) {
                    sheet.value(r, c, b ? "是" : "否");
                } else if (value instanceof OffsetDateTime t) {
                    sheet.value(r, c, t.atZoneSameInstant(BusinessTime.PLATFORM_ZONE).format(TIME));
                } else if (value instanceof java.util.Collection<?> list) {
                    sheet.value(r, c, list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("、")));
                } else if (value instanceof LocalDate d) {
                    sheet.value(r, c, d.toString());
                } else if (value != null) {
                    sheet.value(r, c, String.valueOf(value));
                }
            }
            if (r % 1_000 == 0) {
                sheet.flush(); // bounded memory for long drill-downs
            }
            r++;
        }
        workbook.finish();
    }

    /** The record type of a {@code List<SomeRecord>}, or null. */
    private static Class<?> rowType(Type genericType) {
        if (genericType instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        return null;
    }

    private static Properties labels() {
        Properties all = new Properties();
        try {
            Enumeration<URL> files = Thread.currentThread().getContextClassLoader()
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
