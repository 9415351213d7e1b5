import type { Row } from "../model/document.js";
import { isUnusable } from "../model/message.js";
import type { Section } from "../model/records.js";
import { extractFile } from "../pipeline/extract.js";
import { joinPath } from "../tables/meaning.js";
import type { LogicalTable } from "../tables/types.js";
import type { Args } from "./args.js";
import { guard, intFlag, UsageError } from "./common.js";

export const inspectHelp = `Usage: baocao inspect FILE [--rows N] [--width N] [--no-text]

Parses one report (nothing is stored) and prints, for eyeballing what the pipeline saw:
the metadata, the section tree (number, title, level, topics, where it starts, and the
first words of its text), every table after page fragments are joined (kind — indicators,
tasks, targets, matrix, layout, other —, title, column roles, the header path of each
column with the role or period it names, header and body rows), how many matrix cells and
values by column were read, and the messages.

Options:
  --rows N         body rows shown per table (default 12; 0 = all)
  --width N        widest cell shown (default 28 characters)
  --no-text        section titles only, without the start of their text

Examples:
  baocao inspect data/samples/000.txt
  baocao inspect report.pdf --rows 0 --width 40 | less -S`;

export async function runInspect(args: Args): Promise<number> {
  return guard(inspectHelp, async () => {
    const file = args.positional[0];
    if (!file) throw new UsageError("Name the file to inspect.");
    const rowsShown = intFlag(args, "rows", 12, 0);
    const width = intFlag(args, "width", 28, 4);
    const { extraction, document, tables = [] } = await extractFile(file);
    const out: string[] = [];
    const m = extraction.metadata;
    out.push(`${file}: ${extraction.status} (${extraction.format || "unknown format"}${document?.source.pages ? `, ${document.source.pages} pages` : ""})`);
    out.push(`  ${m.docType ?? "?"} ${m.number ?? "(no number)"} of ${m.date ?? "?"} — ${m.issuer ?? "issuer unknown"} (${m.unitLevel ?? "level ?"}, ${m.province ?? "province ?"})`);
    if (m.subject) out.push(`  subject: ${m.subject}`);
    const range = m.period.kind === "multi_year" ? `${m.period.from?.slice(0, 4)}–${m.period.to?.slice(0, 4)}` : null;
    out.push(`  period: ${[m.period.kind, m.period.year, m.period.quarter && `Q${m.period.quarter}`, m.period.month && `month ${m.period.month}`, range].filter(Boolean).join(" ") || "?"}; signer: ${m.signer ?? "?"}`);

    out.push("", `Sections (${countTree(extraction.sections)}):`);
    const walk = (s: Section, depth: number) => {
      const where = s.prov.page ? `p.${s.prov.page}` : s.prov.line ? `l.${s.prov.line}` : "";
      const topics = s.topics.length ? `  [${s.topics.join(", ")}]` : "";
      out.push(`${"  ".repeat(depth + 1)}${s.number}. ${s.title}  (level ${s.level}${where ? `, ${where}` : ""})${topics}`);
      if (!args.flags.has("no-text") && s.text.trim()) out.push(`${"  ".repeat(depth + 2)}│ ${cut(s.text, 100)}`);
      for (const c of s.children) walk(c, depth + 1);
    };
    for (const s of extraction.sections) walk(s, 0);

    const layout = extraction.tables.filter((t) => t.kind === "layout").length;
    out.push("", `Tables (${tables.length} logical):`);
    for (const t of tables) out.push(...tableLines(t, rowsShown, width));
    if (layout) out.push("", `  layout tables (header and signature blocks, kept out of analytics): ${extraction.tables.filter((t) => t.kind === "layout").map((t) => `#${t.index}`).join(", ")}`);
    const multi = extraction.indicators.reduce((n, r) => n + r.values.length, 0);
    if (multi || extraction.matrixCells.length)
      out.push("", `Values by column: ${multi}; matrix cells: ${extraction.matrixCells.length}`);

    if (extraction.messages.length) {
      out.push("", `Messages (${extraction.messages.length}):`);
      for (const msg of extraction.messages) {
        const p = msg.place;
        const where = [p.page && `p.${p.page}`, p.line && `l.${p.line}`, p.table !== undefined && `table ${p.table}`, p.row !== undefined && `row ${p.row}`]
          .filter(Boolean)
          .join(" ");
        out.push(`  ${msg.severity} [${msg.ruleId}]${where ? ` (${where})` : ""} ${msg.reason}`);
      }
    }
    process.stdout.write(`${out.join("\n")}\n`);
    return isUnusable(extraction.status) ? 1 : 0;
  });
}

function countTree(sections: Section[]): number {
  return sections.reduce((n, s) => n + 1 + countTree(s.children), 0);
}

/** One line, at most `max` characters. */
function cut(s: string, max: number): string {
  const flat = s.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : flat;
}

function tableLines(t: LogicalTable, rowsShown: number, width: number): string[] {
  const where = t.prov.page ? `p.${t.prov.page}` : t.prov.line ? `l.${t.prov.line}` : "";
  const lines = [
    "",
    `  #${t.index} ${t.kind}${t.title ? ` — ${t.title}` : ""} (${t.rows.length} body rows, ${t.fragments} fragment${t.fragments === 1 ? "" : "s"}${where ? `, ${where}` : ""})`,
    `    roles: ${t.roles.map((r) => r ?? "-").join(" | ")}`,
  ];
  if (t.columns.some((m) => m.path.length > 1 || m.valueRole || m.year))
    lines.push(
      `    columns: ${t.columns
        .map((m) => {
          const said = [m.valueRole, m.year, m.quarter && `Q${m.quarter}`].filter(Boolean).join(" ");
          return `${joinPath(m.path) || "-"}${said ? ` (${said})` : ""}`;
        })
        .join(" | ")}`,
    );
  const row = (r: Row, mark: string) => `    ${mark} ${r.cells.map((c) => (c.spanned ? "〃" : cut(c.text, width))).join(" | ")}`;
  for (const h of t.headerRows) lines.push(row(h, "H"));
  const shown = rowsShown === 0 ? t.rows : t.rows.slice(0, rowsShown);
  shown.forEach((r, i) => lines.push(row(r, t.fragmentStart[i] ? "↳" : " ")));
  if (shown.length < t.rows.length) lines.push(`      … ${t.rows.length - shown.length} more rows (--rows 0 shows all)`);
  return lines;
}
