package org.homeward.platform.onboarding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** The downloadable template of a sheet: its header row (Chinese name with the field beside) and an example row. */
final class Templates {
    private Templates() {}

    /** UTF-8 with a byte-order mark, so that Excel opens the Chinese headers correctly. */
    static byte[] csv(ImportSheet sheet) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.EXCEL)) {
            printer.printRecord(
                    sheet.columns().stream().map(Column::templateHeader).toList());
            printer.printRecord(sheet.columns().stream().map(Column::example).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The sheet itself, then a sheet 说明 (instructions) that explains every column. */
    static byte[] xlsx(ImportSheet sheet) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(bytes, "Homeward", "1.0");
            Worksheet data = workbook.newWorksheet(sheet.title());
            List<Column> columns = sheet.columns();
            for (int i = 0; i < columns.size(); i++) {
                data.value(0, i, columns.get(i).templateHeader());
                data.style(0, i).bold().fillColor("DDEBF7").set();
                data.value(1, i, columns.get(i).example());
                data.width(i, Math.max(12, columns.get(i).templateHeader().length() * 2.2));
            }
            Worksheet help = workbook.newWorksheet("说明");
            String[] heads = {"列名", "field", "必填", "说明", "也可写作"};
            for (int i = 0; i < heads.length; i++) {
                help.value(0, i, heads[i]);
                help.style(0, i).bold().set();
            }
            for (int r = 0; r < columns.size(); r++) {
                Column c = columns.get(r);
                help.value(r + 1, 0, c.header());
                help.value(r + 1, 1, c.field());
                help.value(r + 1, 2, c.required() ? "是" : "否");
                help.value(r + 1, 3, c.help());
                help.value(r + 1, 4, String.join("、", c.aliases()));
            }
            help.width(3, 80);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
