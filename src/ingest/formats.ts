import type { Ingest } from "./types.js";
import { longWork } from "../pipeline/progress.js";
import { zipEntries } from "./zip.js";

/**
 * The format registry: every input format baocao reads, declared once. Format detection
 * (detect.ts), the folder walk (which extensions a folder ingest picks up), the model's format
 * enum and the pipeline's choice of ingest module all read this list, so adding a format is a
 * folder under src/ingest/ plus one entry here (Docling's backends declare their formats the
 * same way).
 */
export interface FormatEntry {
  /** Format id stored with every document (`documents.format`). */
  readonly id: string;
  /** Lower-case extensions, with the dot, that a folder ingest picks up for this format. */
  readonly extensions: readonly string[];
  /**
   * True when the bytes are this format. Sniffing runs in registry order, so a specific
   * container format (a Word package inside a ZIP) comes before a generic one; the last entry
   * (txt) takes what no other entry claims, after the binary-data check of detect.ts.
   */
  readonly sniff: (bytes: Uint8Array) => boolean;
  /** What a user calls it in messages ("a PDF", "a Word document"). */
  readonly label: string;
  /** The ingest module, loaded on first use: pdf.js and mammoth are heavy, a batch of text files should not pay for them. */
  readonly load: () => Promise<Ingest>;
  /**
   * Rule ids of this format's messages that say part of the file was left unread (a warning,
   * since the rest was read): a document with one is `partial`, not `ok`. Default none.
   */
  readonly unreadRules?: readonly string[];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function startsWith(bytes: Uint8Array, sig: readonly number[], offset = 0): boolean {
  return sig.every((b, i) => bytes[offset + i] === b);
}

/** PDF allows up to 1024 bytes of junk before the header (PDF 32000-1, annex H). */
export function isPdf(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + PDF.length <= head.length; i++) if (startsWith(head, PDF, i)) return true;
  return false;
}
export const isZip = (bytes: Uint8Array): boolean => startsWith(bytes, ZIP);

const WORKBOOK_PART = "xl/workbook.xml";
/**
 * A ZIP whose directory lists the workbook part; when the directory is gone (a truncated file)
 * a workbook part's name in a local header still tells (the workbook itself or a worksheet), so a damaged workbook gets the workbook's
 * message rather than Word's.
 */
export function isWorkbook(bytes: Uint8Array): boolean {
  if (!isZip(bytes)) return false;
  const entries = zipEntries(bytes);
  if (entries) return entries.some((e) => e.name.toLowerCase() === WORKBOOK_PART);
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return raw.includes(WORKBOOK_PART, 0, "latin1") || raw.includes("xl/worksheets/sheet", 0, "latin1");
}
export const isOle2 = (bytes: Uint8Array): boolean => startsWith(bytes, OLE2);

export const FORMATS = [
  {
    id: "pdf",
    extensions: [".pdf"],
    sniff: isPdf,
    label: "a PDF (no %PDF- header)",
    // Pages without a text layer and without OCR: the other pages were read.
    unreadRules: ["ingest.pdf.no-text-layer-pages"],
    load: async () => {
      const pdf = await import("./pdf/index.js");
      // OCR for pages without a text layer, loaded only when a scanned page is met.
      // longWork: each OCR page earns the file more time under the batch's limit.
      pdf.registerOcr(async (n, page, context) => (longWork("ocr-page"), (await loadOcr()).ocrStage(n, page, context)));
      return pdf.ingestPdf;
    },
  },
  {
    // Before docx: a workbook is a ZIP too, told apart by its workbook part; docx stays the
    // generic ZIP so a damaged Word package still gets the Word messages.
    id: "xlsx",
    extensions: [".xlsx"],
    sniff: isWorkbook,
    label: "an Excel workbook (not a ZIP package)",
    load: async () => (await import("./xlsx/index.js")).ingestXlsx,
  },
  {
    id: "docx",
    extensions: [".docx"],
    sniff: isZip,
    label: "a Word document (not a ZIP package)",
    load: async () => (await import("./docx/index.js")).ingestDocx,
  },
  {
    id: "doc",
    extensions: [".doc"],
    sniff: isOle2,
    label: "a legacy Word 97-2003 document (not an OLE2 file)",
    load: async () => (await import("./doc/index.js")).ingestDoc,
  },
  {
    id: "txt",
    extensions: [".txt"],
    sniff: () => true,
    label: "text",
    load: async () => (await import("./txt/index.js")).ingestTxt,
  },
] as const satisfies readonly FormatEntry[];

/** Every format id, in registry order: the model's `SourceFormat` enum is built from it. */
export const FORMAT_IDS = FORMATS.map((f) => f.id) as unknown as [(typeof FORMATS)[number]["id"], ...(typeof FORMATS)[number]["id"][]];

/** Extensions a folder ingest picks up by default: every registered format's. */
export const DEFAULT_EXTENSIONS: readonly string[] = FORMATS.flatMap((f) => f.extensions);

export function formatEntry(id: string): FormatEntry | undefined {
  return FORMATS.find((f) => f.id === id);
}

const UNREAD_RULES = new Set((FORMATS as readonly FormatEntry[]).flatMap((f) => f.unreadRules ?? []));
/** True for a rule id some format declares as "part of the file left unread" (FormatEntry.unreadRules). */
export function isUnreadRule(ruleId: string): boolean {
  return UNREAD_RULES.has(ruleId);
}

/** The format whose extension this is, if any. */
export function formatOfExtension(ext: string): FormatEntry | undefined {
  const e = ext.toLowerCase();
  return FORMATS.find((f) => (f.extensions as readonly string[]).includes(e));
}

let ocrModule: Promise<typeof import("./ocr/index.js")> | undefined;
function loadOcr() {
  ocrModule ??= import("./ocr/index.js");
  return ocrModule;
}

/** Stops background workers (OCR) so a command can exit at once; a no-op when none started. */
export async function shutdownStages(): Promise<void> {
  if (ocrModule) await (await ocrModule).terminateOcr();
}
