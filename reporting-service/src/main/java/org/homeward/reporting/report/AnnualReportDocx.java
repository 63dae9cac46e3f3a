package org.homeward.reporting.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

/**
 * The annual report as a Word document (.docx, Apache POI) a bureau can file and edit: A4, 2 cm
 * margins, the title centred, headings bold, paragraphs indented two characters, as in official
 * reports. The text is the page's, word for word ({@link AnnualReportText#document}). Fonts are named,
 * not embedded: 宋体 (SimSun) for Chinese, which every Chinese Windows and WPS has; a reader without
 * it substitutes its own serif CJK font (ADR 26).
 */
final class AnnualReportDocx {
    static final String CHINESE_FONT = "宋体";
    static final String LATIN_FONT = "Times New Roman";
    private static final int TWIPS_PER_CM = 567;

    static void write(AnnualReportText.Document report, OutputStream out) throws IOException {
        try (XWPFDocument doc = new XWPFDocument()) {
            page(doc);
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            title.setSpacingAfter(240);
            run(title, report.title(), 18, true);
            report.opening().forEach(p -> body(doc, p.text()));
            for (AnnualReportText.Section section : report.sections()) {
                XWPFParagraph heading = doc.createParagraph();
                heading.setSpacingBefore(240);
                heading.setIndentationFirstLine(2 * 16 * 20); // two characters of 16 pt
                run(heading, section.heading(), 16, true);
                section.paragraphs().forEach(p -> body(doc, p.text()));
            }
            doc.write(out);
        }
    }

    private static void body(XWPFDocument doc, String text) {
        XWPFParagraph p = doc.createParagraph();
        p.setIndentationFirstLine(2 * 16 * 20);
        p.setSpacingBetween(1.5);
        p.setAlignment(ParagraphAlignment.BOTH);
        run(p, text, 16, false);
    }

    private static void run(XWPFParagraph p, String text, int points, boolean bold) {
        XWPFRun r = p.createRun();
        r.setText(text);
        r.setBold(bold);
        r.setFontSize(points);
        r.setFontFamily(LATIN_FONT, XWPFRun.FontCharRange.ascii);
        r.setFontFamily(LATIN_FONT, XWPFRun.FontCharRange.hAnsi);
        r.setFontFamily(CHINESE_FONT, XWPFRun.FontCharRange.eastAsia);
    }

    private static void page(XWPFDocument doc) {
        CTSectPr section = doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = section.addNewPgSz();
        size.setW(BigInteger.valueOf(11906)); // A4 in twips
        size.setH(BigInteger.valueOf(16838));
        CTPageMar margins = section.addNewPgMar();
        BigInteger two = BigInteger.valueOf(2L * TWIPS_PER_CM);
        margins.setTop(two);
        margins.setBottom(two);
        margins.setLeft(two);
        margins.setRight(two);
    }

    private AnnualReportDocx() {}
}
