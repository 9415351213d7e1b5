/**
 * Cleans one table cell of the txt format: inline HTML (<b>, <i>, <sup>, <br>, <ul>, <li>, <p>),
 * markdown emphasis (**bold**, *italic*) and backslash escapes. LaTeX math spans ($…$) are kept
 * verbatim because the raw value of a cell must stay as printed (a Word equation exported as
 * "$\frac{317}{1.034} = 31\%$"); normalize reads the number from it.
 */
export interface CleanText {
  text: string;
  /** True when every visible character was inside bold markup. */
  bold: boolean;
  /** True when every visible character was inside italic markup. */
  italic: boolean;
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>/y;
const BREAK_TAGS = new Set(["br", "p", "li", "ul", "ol", "div", "tr"]);
const BOLD_TAGS = new Set(["b", "strong"]);
const ITALIC_TAGS = new Set(["i", "em"]);
const ESCAPABLE = /[!-/:-@[-`{-~]/;

export function cleanInline(raw: string): CleanText {
  // Fast path: most cells carry no markup at all.
  if (!/[<*\\_$]/.test(raw)) {
    const text = raw.trim();
    return { text, bold: false, italic: false };
  }
  let out = "";
  let bold = 0;
  let italic = 0;
  let mdBold = false;
  let mdItalic = false;
  let visible = 0;
  let visibleBold = 0;
  let visibleItalic = 0;
  const push = (s: string) => {
    out += s;
    const n = s.replace(/\s/g, "").length;
    visible += n;
    if (bold > 0 || mdBold) visibleBold += n;
    if (italic > 0 || mdItalic) visibleItalic += n;
  };
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i];
    if (ch === "<") {
      TAG.lastIndex = i;
      const m = TAG.exec(raw);
      if (m) {
        const closing = m[1] === "/";
        const name = m[2].toLowerCase();
        if (BOLD_TAGS.has(name)) bold = Math.max(0, bold + (closing ? -1 : 1));
        else if (ITALIC_TAGS.has(name)) italic = Math.max(0, italic + (closing ? -1 : 1));
        else if (BREAK_TAGS.has(name) && (name === "br" || !closing) && out.length > 0) out += "\n";
        i += m[0].length;
        continue;
      }
    }
    if (ch === "$") {
      // Keep a LaTeX math span verbatim, escapes included.
      const end = raw.indexOf("$", i + 1);
      if (end > i + 1) {
        push(raw.slice(i, end + 1));
        i = end + 1;
        continue;
      }
    }
    if (ch === "\\" && i + 1 < raw.length && ESCAPABLE.test(raw[i + 1])) {
      push(raw[i + 1]);
      i += 2;
      continue;
    }
    if (ch === "*" && raw[i + 1] === "*") {
      mdBold = !mdBold;
      i += 2;
      continue;
    }
    if (ch === "*" && (mdItalic || /\S/.test(raw[i + 1] ?? ""))) {
      // A single * opens emphasis only before a non-space and closes an open one.
      if (mdItalic || raw.indexOf("*", i + 1) > i) {
        mdItalic = !mdItalic;
        i += 1;
        continue;
      }
    }
    push(ch);
    i += 1;
  }
  const text = out.replace(/[ \t]*\n[ \t]*/g, "\n").replace(/\n{2,}/g, "\n").trim();
  return {
    text,
    bold: visible > 0 && visibleBold === visible,
    italic: visible > 0 && visibleItalic === visible,
  };
}
