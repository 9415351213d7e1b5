import { z } from "zod";
import { loadRules } from "../../../rules/load.js";

/**
 * The legacy Vietnamese code tables, kept as data in rules/encodings/ (see each file's
 * `description` and `source`). This module only loads and validates them and builds the
 * byte → text arrays the decoders use.
 */

const HexByte = z.string().regex(/^[0-9A-F]{2}$/, "a byte as two upper-case hex digits");

/** A single-byte table: bytes 0x80–0xFF not listed come from `base` (a code page TextDecoder knows). */
const ByteTable = z.object({
  id: z.string(),
  description: z.string(),
  source: z.string(),
  base: z.literal("windows-1252").optional(),
  bytes: z.record(HexByte, z.string().length(1)),
});

const Diacritic = z.enum(["acute", "grave", "hook", "tilde", "dot", "circumflex", "breve"]);
const VniTable = z.object({
  id: z.literal("vni"),
  description: z.string(),
  source: z.string(),
  base: z.literal("windows-1252"),
  letters: z.record(HexByte, z.string().length(1)),
  marks: z.record(HexByte, z.string().transform((s, ctx) => {
    const parts = s.split("+");
    for (const p of parts) if (!Diacritic.safeParse(p).success) ctx.addIssue({ code: "custom", message: `unknown diacritic ${p}` });
    return parts as z.infer<typeof Diacritic>[];
  })),
});

/** Unicode combining mark for each diacritic name used in rules/encodings/vni.json. */
export const COMBINING: Record<z.infer<typeof Diacritic>, string> = {
  acute: "\u0301",
  grave: "\u0300",
  hook: "\u0309",
  tilde: "\u0303",
  dot: "\u0323",
  circumflex: "\u0302",
  breve: "\u0306",
};

/** 256 entries: the text each byte stands for. */
export type ByteMap = readonly string[];

/**
 * What Windows-1252 prints for bytes 0x80–0x9F (curly quotes, dashes, €…); the five unassigned
 * bytes stand for themselves. Spelled out because Node's TextDecoder("windows-1252") decodes
 * these bytes as Latin-1 C1 controls, while Windows tools show the punctuation.
 */
export const WINDOWS_1252_80_9F = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/** Windows-1252: Latin-1 with the punctuation above in 0x80–0x9F. */
function baseMap(): string[] {
  return Array.from({ length: 256 }, (_, b) => (b >= 0x80 && b < 0xa0 ? WINDOWS_1252_80_9F[b - 0x80] : String.fromCharCode(b)));
}

function overlay(map: string[], bytes: Record<string, string>): string[] {
  for (const [hex, text] of Object.entries(bytes)) map[Number.parseInt(hex, 16)] = text;
  return map;
}

let tcvn3: ByteMap | undefined;
/** TCVN3 (VN3) byte map; bytes VN3 leaves unassigned read as Windows-1252. */
export function tcvn3Map(): ByteMap {
  tcvn3 ??= (() => {
    const t = loadRules("encodings/tcvn3.json", ByteTable);
    return overlay(baseMap(), t.bytes);
  })();
  return tcvn3;
}

let w1258: ByteMap | undefined;
/** Windows-1258 byte map (tone marks decode to combining characters; callers normalise to NFC). */
export function windows1258Map(): ByteMap {
  w1258 ??= (() => {
    const t = loadRules("encodings/windows-1258.json", ByteTable);
    return overlay(baseMap(), t.bytes);
  })();
  return w1258;
}

/** VNI tables: the stand-alone letters over Windows-1252, and the accent bytes as combining marks. */
export interface VniMaps {
  /** Text of each byte read on its own (Windows-1252 except VNI's own letters). */
  single: ByteMap;
  /** Combining marks an accent byte adds to the vowel before it, or undefined for other bytes. */
  marks: readonly (string | undefined)[];
}

let vni: VniMaps | undefined;
export function vniMaps(): VniMaps {
  vni ??= (() => {
    const t = loadRules("encodings/vni.json", VniTable);
    const marks: (string | undefined)[] = new Array(256).fill(undefined);
    for (const [hex, names] of Object.entries(t.marks)) marks[Number.parseInt(hex, 16)] = names.map((n) => COMBINING[n]).join("");
    return { single: overlay(baseMap(), t.letters), marks };
  })();
  return vni;
}
