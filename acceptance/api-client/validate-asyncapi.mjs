// Validates an AsyncAPI document with the AsyncAPI initiative's own parser; exits non-zero on any error.
import { Parser } from "@asyncapi/parser";
import { readFileSync } from "node:fs";
const file = process.argv[2];
const parser = new Parser();
const { document, diagnostics } = await parser.parse(readFileSync(file, "utf8"));
const errors = diagnostics.filter((d) => d.severity === 0);
for (const d of diagnostics) console.log(["error", "warning", "info", "hint"][d.severity], d.code, d.message, JSON.stringify(d.path));
if (!document || errors.length > 0) { console.error(`${file}: ${errors.length} errors`); process.exit(1); }
console.log(`${file}: valid AsyncAPI ${document.version()}, ${document.allMessages().length} messages`);
