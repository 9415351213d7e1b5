import { metadataRules } from "../../extractors/metadata/rules.js";
import { provinceMentions, unitMentions } from "../../extractors/metadata/units.js";
import { fold } from "../rules/fold.js";

/**
 * The unit or province a table label names, as printed, or null: a committee or department
 * ("UBND xã Phương Định", "Sở Tư pháp"), a province with its word ("tỉnh Lâm Đồng") or a bare
 * listed province name ("Lâm Đồng", "ĐẮK NÔNG": the columns of a comparison table). Units and
 * provinces come from rules/metadata.json, the same lists the metadata extractor reads.
 */
export function entityOf(label: string): string | null {
  const text = label.replace(/\s+/g, " ").trim();
  if (!text) return null;
  const unit = unitMentions(text).find((m) => m.index === 0);
  if (unit) return unit.unit.text;
  const key = fold(text).replace(/^(tinh|thanh pho|tp\.?)\s+/u, "");
  const listed = metadataRules().provinces.find((p) => p.key === key);
  if (listed) return listed.name;
  const named = provinceMentions(text);
  if (named.length && fold(text).startsWith("tinh ")) return text;
  return null;
}
