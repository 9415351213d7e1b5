import { emptyMetadata, type Extraction } from "../../model/records.js";

/**
 * The Extraction of a file that never reached the pipeline's own error handling (a worker
 * stopped at the time limit, or crashed): status `failed`, one error message with the reason.
 */
export function failedExtraction(file: string, sha256: string, ruleId: string, reason: string, format = ""): Extraction {
  return {
    file,
    format,
    sha256,
    status: "failed",
    metadata: emptyMetadata(),
    sections: [],
    indicators: [],
    tasks: [],
    targets: [],
    messages: [{ severity: "error", ruleId, reason, place: { file } }],
  };
}
