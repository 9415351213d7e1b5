import { type Message, message } from "../model/message.js";

/**
 * The message recorded for each text conversion named in Document.source.conversions, so a
 * reader of the results sees that (and how) the text was converted, whatever the format that
 * applied it (the .txt decoder, the .doc reader's legacy-font repair). Conversions that cannot
 * lose text are info; reading bytes that were not valid in any encoding is a warning. The
 * registry (src/pipeline/registry.ts) adds them to every ingest's messages.
 */
const REASONS: Record<string, { severity: "info" | "warning"; reason: string }> = {
  "utf-8-bom": { severity: "info", reason: "Read as UTF-8 with a byte-order mark." },
  "utf-16le": { severity: "info", reason: "Read as UTF-16 little-endian (byte-order mark) and converted to UTF-8." },
  "utf-16be": { severity: "info", reason: "Read as UTF-16 big-endian (byte-order mark) and converted to UTF-8." },
  "nfd→nfc": { severity: "info", reason: "The text used decomposed Unicode (NFD: letters followed by combining accents); it was normalised to NFC." },
  "windows-1258→unicode": { severity: "info", reason: "The file is not UTF-8; it was read as Windows-1258 (Vietnamese code page) and converted to Unicode NFC." },
  "tcvn3→unicode": {
    severity: "info",
    reason: "Legacy TCVN3 (ABC, .VnTime fonts) text was converted to Unicode. TCVN3 has no capitals with tone marks, so words typed in the .VnTimeH capital font may come out lowercase.",
  },
  "vni→unicode": { severity: "info", reason: "Legacy VNI (VNI-Times fonts) text was converted to Unicode." },
  "utf-8-mojibake→unicode": { severity: "info", reason: "Text that had been decoded twice (UTF-8 read as Windows-1252, e.g. \"BÃ¡o cÃ¡o\") was repaired." },
  "utf-8-invalid-bytes": {
    severity: "warning",
    reason: "The file is mostly UTF-8 but holds byte sequences that are not valid UTF-8; they were replaced with U+FFFD (�). Check the source file for corruption.",
  },
};

/** Messages for the conversions applied while reading `file`, in the order they were applied. */
export function conversionMessages(conversions: readonly string[], file: string): Message[] {
  return conversions.map((c) => {
    const known = REASONS[c];
    return message(known?.severity ?? "info", `ingest.encoding.${c.replace(/→unicode$/, "").replace("→", "-to-")}`, known?.reason ?? `Text conversion applied: ${c}.`, { file }, { actual: c });
  });
}
