package org.homeward.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * House rules the formatter cannot enforce: code names classes by their imported simple name, never by a fully
 * qualified name inline (ADR 0039). A qualified name is allowed only where the file imports another class of the
 * same simple name (java.nio.file.Path beside jakarta.ws.rs.Path).
 */
class HouseRulesTest {
    static final Path ROOT = HomewardScriptTest.ROOT;
    static final Pattern QUALIFIED =
            Pattern.compile("(?<![\\w.\"])((?:java|javax|jakarta|org|io|com)(?:\\.[a-z][a-z0-9_]*)+)\\.([A-Z]\\w*)");
    static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+);", Pattern.MULTILINE);
    static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");

    @Test
    void code_imports_classes_instead_of_naming_them_fully_qualified() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(HouseRulesTest::isSource).toList()) {
                found.addAll(qualifiedNames(file));
            }
        }
        assertThat(found).as("inline fully qualified class names: import them").isEmpty();
    }

    @Test
    void the_rule_sees_an_inline_qualified_name_and_allows_a_clash() throws IOException {
        Path file = Files.createTempFile("Sample", ".java");
        // Written as separate string literals: a text block here would be flagged by the rule itself.
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "package sample;",
                        "import jakarta.ws.rs.Path;",
                        "class Sample {",
                        "    java.util.List<String> names; // flagged",
                        "    java.nio.file.Path where; // allowed: clashes with the imported Path",
                        "    String text = \"java.util.Map in a string is not code\";",
                        "}"));
        assertThat(qualifiedNames(file)).singleElement().asString().contains("java.util.List");
    }

    static boolean isSource(Path file) {
        String path = ROOT.relativize(file).toString().replace('\\', '/');
        return path.endsWith(".java")
                && path.contains("/src/")
                && !path.contains("/target/")
                && !path.startsWith("data/")
                && !path.startsWith(".");
    }

    static List<String> qualifiedNames(Path file) throws IOException {
        String source = Files.readString(file);
        Map<String, String> imported = new HashMap<>();
        Matcher imports = IMPORT.matcher(source);
        while (imports.find()) {
            if (imports.group(1) == null) {
                String name = imports.group(2);
                imported.put(name.substring(name.lastIndexOf('.') + 1), name);
            }
        }
        List<String> found = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("import ")
                    || line.startsWith("package ")
                    || line.startsWith("*")
                    || line.startsWith("//")
                    || line.startsWith("/*")) {
                continue;
            }
            String code = STRING.matcher(line).replaceAll("\"\"");
            int comment = code.indexOf("//");
            Matcher qualified = QUALIFIED.matcher(comment < 0 ? code : code.substring(0, comment));
            while (qualified.find()) {
                String full = qualified.group(1) + "." + qualified.group(2);
                String clash = imported.get(qualified.group(2));
                if (clash == null || clash.equals(full)) {
                    found.add(ROOT.relativize(file) + ":" + (i + 1) + " " + full);
                }
            }
        }
        return found;
    }
}
