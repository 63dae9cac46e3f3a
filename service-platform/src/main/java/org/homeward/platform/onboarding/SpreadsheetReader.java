package org.homeward.platform.onboarding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Reads a sheet row by row without holding it in memory: .xlsx (Excel 2007+, streamed) or .csv in
 * UTF-8 (with or without BOM) or GBK/GB18030, the encoding Chinese Excel exports often use. The
 * first non-empty row is the header. A legacy .xls or anything else is refused with a reason.
 */
public final class SpreadsheetReader implements AutoCloseable {
    /** A data row: its number in the file (the header is row 1 when it is the first line) and its cells. */
    public record Line(long number, List<String> cells) {}

    /** The file is not a sheet this reader can read. */
    public static class Unreadable extends RuntimeException {
        public Unreadable(String message) {
            super(message);
        }
    }

    private final String format;
    private final AutoCloseable resource;
    private final Iterator<Line> lines;
    private final List<String> header;
    private final long headerRow;

    private SpreadsheetReader(String format, AutoCloseable resource, Iterator<Line> lines) {
        this.format = format;
        this.resource = resource;
        this.lines = lines;
        Line first = nextNonEmpty(lines);
        if (first == null) {
            close();
            throw new Unreadable("The sheet is empty: it needs a header row");
        }
        this.header = first.cells();
        this.headerRow = first.number();
    }

    /** Opens {@code file}; {@code worksheet} names the sheet of a workbook (null: the first). */
    public static SpreadsheetReader open(Path file, String worksheet) {
        byte[] magic = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(magic, 0, magic.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            return xlsx(file, worksheet);
        }
        if (n >= 4
                && (magic[0] & 0xff) == 0xD0
                && (magic[1] & 0xff) == 0xCF
                && (magic[2] & 0xff) == 0x11
                && (magic[3] & 0xff) == 0xE0) {
            throw new Unreadable(
                    "This is a legacy Excel 97-2003 (.xls) file: save it as .xlsx or .csv and import that");
        }
        if (worksheet != null) {
            throw new Unreadable("A CSV file has one sheet; worksheet applies to .xlsx workbooks only");
        }
        return csv(file);
    }

    private static SpreadsheetReader xlsx(Path file, String worksheet) {
        try {
            ReadableWorkbook workbook = new ReadableWorkbook(file.toFile());
            Sheet sheet;
            if (worksheet == null) {
                sheet = workbook.getFirstSheet();
            } else {
                sheet = workbook.findSheet(worksheet).orElse(null);
                if (sheet == null) {
                    List<String> names =
                            workbook.getSheets().map(Sheet::getName).toList();
                    workbook.close();
                    throw new Unreadable("The workbook has no worksheet \"" + worksheet + "\"; it has " + names);
                }
            }
            Stream<Row> rows = sheet.openStream();
            Iterator<Line> lines = rows.map(r -> {
                        List<String> cells = new ArrayList<>(r.getCellCount());
                        for (int i = 0; i < r.getCellCount(); i++) {
                            Cell cell = r.getCell(i);
                            cells.add(cell == null ? null : cell.getText());
                        }
                        return new Line(r.getRowNum(), cells);
                    })
                    .iterator();
            return new SpreadsheetReader(
                    "xlsx",
                    () -> {
                        rows.close();
                        workbook.close();
                    },
                    lines);
        } catch (IOException | RuntimeException e) {
            if (e instanceof Unreadable u) {
                throw u;
            }
            throw new Unreadable("The .xlsx workbook cannot be read: " + e.getMessage());
        }
    }

    private static SpreadsheetReader csv(Path file) {
        Charset charset = charsetOf(file);
        try {
            InputStream in = Files.newInputStream(file);
            if (charset == StandardCharsets.UTF_8) {
                in = skipBom(in);
            }
            Reader reader = new BufferedReader(new InputStreamReader(in, charset), 1 << 16);
            CSVParser parser = CSVFormat.EXCEL
                    .builder()
                    .setIgnoreSurroundingSpaces(false)
                    .get()
                    .parse(reader);
            Iterator<CSVRecord> records = parser.iterator();
            Iterator<Line> lines = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    try {
                        return records.hasNext();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        throw new Unreadable("The CSV file cannot be read: " + e.getMessage());
                    }
                }

                @Override
                public Line next() {
                    CSVRecord r = records.next();
                    return new Line(r.getRecordNumber(), r.toList());
                }
            };
            return new SpreadsheetReader(
                    "csv (" + (charset == StandardCharsets.UTF_8 ? "UTF-8" : "GBK") + ")", parser, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** UTF-8 if the whole file decodes as UTF-8 (read in chunks, not held), otherwise GB18030 (a superset of GBK). */
    static Charset charsetOf(Path file) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        try (InputStream in = Files.newInputStream(file)) {
            boolean binary = false;
            int read;
            while ((read = in.read(bytes.array(), bytes.position(), bytes.remaining())) != -1) {
                bytes.position(bytes.position() + read);
                bytes.flip();
                for (int i = bytes.position(); i < bytes.limit(); i++) {
                    if (bytes.get(i) == 0) {
                        binary = true;
                    }
                }
                if (binary) {
                    throw new Unreadable("This is not a spreadsheet: import .xlsx or .csv (UTF-8 or GBK)");
                }
                chars.clear();
                if (utf8.decode(bytes, chars, false).isError()) {
                    return Charset.forName("GB18030");
                }
                bytes.compact();
            }
            bytes.flip();
            chars.clear();
            if (utf8.decode(bytes, chars, true).isError() || utf8.flush(chars).isError()) {
                return Charset.forName("GB18030");
            }
            return StandardCharsets.UTF_8;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream skipBom(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 3);
        byte[] bom = new byte[3];
        int n = p.readNBytes(bom, 0, 3);
        if (!(n == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB && (bom[2] & 0xff) == 0xBF)) {
            p.unread(bom, 0, n);
        }
        return p;
    }

    private static Line nextNonEmpty(Iterator<Line> lines) {
        while (lines.hasNext()) {
            Line line = lines.next();
            if (line.cells().stream().anyMatch(c -> c != null && !c.isBlank())) {
                return line;
            }
        }
        return null;
    }

    public String format() {
        return format;
    }

    public List<String> header() {
        return header;
    }

    public long headerRow() {
        return headerRow;
    }

    /** The next row with any content, or null at the end. */
    public Line next() {
        return nextNonEmpty(lines);
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts the data rows (a first pass, for progress), without keeping them. */
    public static long countRows(Path file, String worksheet) {
        try (SpreadsheetReader r = open(file, worksheet)) {
            long n = 0;
            while (r.next() != null) {
                n++;
            }
            return n;
        }
    }
}
