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

function baseMap(base: string | undefined): string[] {
  const decoder = new TextDecoder(base ?? "windows-1252");
  return Array.from({ length: 256 }, (_, b) => decoder.decode(Uint8Array.of(b)));
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
    return overlay(baseMap(t.base), t.bytes);
  })();
  return tcvn3;
}

let w1258: ByteMap | undefined;
/** Windows-1258 byte map (tone marks decode to combining characters; callers normalise to NFC). */
export function windows1258Map(): ByteMap {
  w1258 ??= (() => {
    const t = loadRules("encodings/windows-1258.json", ByteTable);
    return overlay(baseMap(t.base), t.bytes);
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
    return { single: overlay(baseMap(t.base), t.letters), marks };
  })();
  return vni;
}
