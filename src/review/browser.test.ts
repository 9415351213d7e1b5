import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPaths } from "../batch/run.js";
import { type Db, openStore } from "../store/open.js";
import { reviewApp } from "./app.js";
import { defaultCatalogPath } from "./catalog.js";
import { exportSql } from "../store/reviewed-exports.js";

/**
 * The review page driven in headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core; nothing is downloaded): the scanned fixture's smudged value cell is found in
 * the queue, its crop seen, its value corrected; after the file is ingested again the
 * correction still applies. BAOCAO_SCREENSHOT=1 also writes docs/review.png.
 */
const CHROMIUM = process.env.BAOCAO_CHROMIUM ?? "/usr/bin/chromium";
const root = join(import.meta.dirname, "../..");
const have = existsSync(CHROMIUM);
if (!have) console.log(`browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

describe.skipIf(!have)("review page in a browser", () => {
  const dir = mkdtempSync(join(tmpdir(), "baocao-browser-"));
  const scan = join(dir, "scan.pdf");
  const dbFile = join(dir, "db.sqlite");
  let db: Db;
  let server: ReturnType<typeof createAdaptorServer>;
  let base = "";
  let browser: import("playwright-core").Browser;

  beforeAll(async () => {
    // Scripts/make-ocr-fixtures.mjs made it: an image-only page whose last value cell is smudged.
    copyFileSync(join(root, "test/fixtures/ocr/ocr-ruled-table.pdf"), scan);
    const summary = await ingestPaths([scan], { db: dbFile, jobs: 0 });
    expect(summary.failed).toEqual([]);
    db = openStore(dbFile);
    const app = reviewApp({ db, allowEdit: true, reviewer: "Trần Thị Lan", reviewBelow: 0.8, catalogPath: defaultCatalogPath() });
    server = createAdaptorServer({ fetch: app.fetch });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    db?.close();
  });

  it("corrects a low-confidence OCR cell from the queue, and the correction outlives a re-ingest", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
    await page.goto(`${base}/queue`);
    const item = page.locator("#queue tr", { hasText: "Số thủ tục hành chính được công bố" });
    await expect(item.textContent()).resolves.toContain("confidence.ocr");
    await item.locator("a").click();
    await page.waitForURL(/\/records\/\d+\/indicator\/t0r3$/);

    // The crop is drawn from the scan: a PNG wider than it is tall (one table row and its neighbours).
    await page.waitForFunction(() => {
      const img = document.querySelector("#crop") as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    });
    const size = await page.locator("#crop").evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(size[0]).toBeGreaterThan(size[1]);
    await expect(page.locator("#confidence").textContent()).resolves.toContain("OCR confidence 0");

    // Keyboard: c focuses the value, Enter submits the correction.
    await page.keyboard.press("c");
    await page.keyboard.type("27");
    await page.keyboard.press("Enter");
    await page.waitForURL(/saved=/);
    await expect(page.locator("#value").textContent()).resolves.toMatch(/^27\b/);
    await expect(page.locator("#status").textContent()).resolves.toContain("corrected by Trần Thị Lan");
    if (process.env.BAOCAO_SCREENSHOT === "1") {
      mkdirSync(join(root, "docs"), { recursive: true });
      writeFileSync(join(root, "docs/review.png"), await page.screenshot({ fullPage: false }));
    }

    // The same file ingested again (forced): the rows are replaced, the correction is not lost.
    const again = await ingestPaths([scan], { db: dbFile, jobs: 0, force: true });
    expect(again.parsed).toBe(1);
    await page.reload();
    await expect(page.locator("#value").textContent()).resolves.toMatch(/^27\b/);
    const exported = db.prepare(exportSql("indicators")).all() as { row_index: number; value: number | null; review_status: string }[];
    expect(exported.find((r) => r.row_index === 3)).toMatchObject({ value: 27, review_status: "corrected" });
    const raw = db.prepare(exportSql("indicators", { raw: true })).all() as { row_index: number; value: number | null }[];
    expect(raw.find((r) => r.row_index === 3)?.value).toBeNull();
    await page.close();
  }, 240_000);
});
