import { UnusableInputError } from "../../model/message.js";
import type { Ingest } from "../types.js";

/**
 * Legacy Word 97–2003 (.doc, OLE2) ingest. Not read yet: the file fails with advice to convert.
 */
export const ingestDoc: Ingest = async () => {
  throw new UnusableInputError(
    "ingest.legacy-doc",
    "This is a legacy Word 97-2003 (.doc, OLE2) file. Convert it to .docx first, e.g. `libreoffice --headless --convert-to docx FILE`, then ingest the .docx.",
  );
};
