import { describe, expect, it } from "vitest";
import type { Row } from "../model/document.js";
import type { Message } from "../model/message.js";
import { emptyMetadata, type TargetRecord } from "../model/records.js";
import { indicator } from "../store/testing/fixtures.js";
import type { LogicalTable } from "../tables/types.js";
import { loadConfidenceRules, scoreConfidence } from "./index.js";

const rules = loadConfidenceRules();

/** A row of OCR'd cells with the given confidences (undefined = not OCR'd). */
const row = (...confs: (number | undefined)[]): Row => ({
  cells: confs.map((c) => ({ text: "x", bold: false, italic: false, prov: c === undefined ? undefined : { page: 1, confidence: c } })),
  prov: { page: 1 },
});
const table = (kind: LogicalTable["kind"], rows: Row[]): LogicalTable => ({
  index: 0, kind, roles: [], columns: [], headerRows: [], rows, fragmentStart: rows.map(() => false), fragments: 1, title: null, blockIndex: 0, prov: {}, provs: [],
});
const none = { tasks: [], targets: [], metadata: emptyMetadata(), metadataMessages: [] as Message[] };

describe("confidence stage", () => {
  it("gives a clean, matched, text-layer record confidence 1 with only the place it was found", () => {
    const { value } = scoreConfidence({ ...none, indicators: [indicator(0, "Tổng số TTHC", 12, "tthc.tiep_nhan")], tables: [] }, rules);
    expect(value.indicators[0].confidence).toBe(1);
    expect(value.indicators[0].confidenceReasons).toEqual([{ ruleId: "confidence.found", factor: 1, detail: "line 100, table 1, row 1" }]);
  });

  it("takes the weakest OCR'd cell of the record's row, scaled by the rule's full confidence", () => {
    const r = indicator(1, "Tổng số TTHC", 12, "tthc.tiep_nhan");
    const { value } = scoreConfidence({ ...none, indicators: [r], tables: [table("indicators", [row(99, 99), row(99, 45, 97)])] }, rules);
    expect(value.indicators[0].confidence).toBe(0.5);
    expect(value.indicators[0].confidenceReasons?.map((x) => [x.ruleId, x.factor, x.detail])).toContainEqual(["confidence.ocr", 0.5, "OCR confidence 45 (column 2)"]);
  });

  it("multiplies catalog, flag and unparsed-number factors and lists each reason", () => {
    const r = { ...indicator(0, "Chỉ tiêu lạ", null), rawValue: "1.2.3 hồ sơ", flags: ["ratio.mismatch"] };
    const { value } = scoreConfidence({ ...none, indicators: [r], tables: [] }, rules);
    const want = rules.catalogUnmatched.factor * rules.flag.default * rules.unparsedNumber.factor;
    expect(value.indicators[0].confidence).toBeCloseTo(want, 3);
    expect(value.indicators[0].confidenceReasons?.map((x) => x.ruleId)).toEqual([
      "confidence.found", "confidence.catalog.unmatched", "confidence.flag", "confidence.value.unparsed",
    ]);
    const low = scoreConfidence({ ...none, indicators: [{ ...indicator(0, "Tỷ lệ", 5, "a.b"), matchScore: 0.82 }], tables: [] }, rules).value;
    expect(low.indicators[0].confidence).toBe(0.82);
  });

  it("scores targets whose cell holds digits but no number, and tasks by their OCR'd row", () => {
    const target: TargetRecord = { table: 1, code: "1", name: "Tỷ lệ", unit: "%", rawTarget: "Tối thiểu 8O,5%?", target: null, comparator: null, owner: null, row: 0, prov: {} };
    const task = { table: 0, code: "1", group: null, content: "Ban hành kế hoạch", output: null, owner: null, timeframe: null, coordinator: null, monitor: null, extra: {}, row: 0, prov: {} };
    const { value } = scoreConfidence({ ...none, indicators: [], targets: [target], tasks: [task], tables: [table("tasks", [row(30)])] }, rules);
    expect(value.targets[0].confidence).toBe(rules.unparsedNumber.factor);
    expect(value.tasks[0].confidence).toBe(0.333);
  });

  it("scores metadata fields: found with the place, found nowhere, in conflict, printed blank", () => {
    const m = emptyMetadata();
    m.issuer = "UBND xã A";
    m.sources.issuer = { page: 1, line: 2 };
    m.signer = "Nguyễn Văn A";
    const messages: Message[] = [
      { severity: "warning", ruleId: "metadata.issuer.conflict", reason: "two issuers", place: { file: "f" } },
      { severity: "info", ruleId: "metadata.number.blank", reason: "left blank", place: { file: "f" } },
    ];
    const { value } = scoreConfidence({ ...none, metadata: m, metadataMessages: messages, indicators: [], tables: [] }, rules);
    const c = value.metadata.confidence!;
    expect(c.issuer.confidence).toBe(rules.metadataMessage.byKind.conflict);
    expect(c.issuer.reasons[0]).toEqual({ ruleId: "confidence.found", factor: 1, detail: "page 1, line 2" });
    expect(c.date.confidence).toBe(rules.metadataMissing.factor);
    expect(c.number.confidence).toBe(1);
    expect(c.signer).toEqual({ confidence: rules.metadataNoSource.factor, reasons: [expect.objectContaining({ ruleId: "confidence.metadata.no-source" })] });
    for (const f of Object.values(c)) expect(f.confidence).toBeGreaterThanOrEqual(0);
  });
});
