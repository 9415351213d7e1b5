import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { html, raw } from "hono/html";
import { z } from "zod";
import type { ConfidenceReason } from "../model/records.js";
import { parseVietnameseNumber } from "../normalize/value.js";
import { CSS, JS } from "./assets.js";
import { addAlias, candidates, readCatalog } from "./catalog.js";
import { cropPng } from "./crop.js";
import {
  type Action,
  CorrectionError,
  DOCUMENT_FILTERS,
  FIELDS,
  MAX_NOTE,
  MAX_TEXT,
  METADATA_COLUMN,
  type QueueItem,
  type RecordKind,
  type ReviewBackend,
  ReviewStore,
} from "./store.js";
import type { Db } from "../store/open.js";

/** How the review application is set up (`baocao serve` fills it from its flags). */
export interface ReviewOptions {
  /** An SQLite store, or `store`: any review backend (PgReviewStore for PostgreSQL). */
  db?: Db;
  store?: ReviewBackend;
  /** Corrections and aliases are accepted only with this (default false: read-only). */
  allowEdit?: boolean;
  /** Name stored with every correction. */
  reviewer: string;
  /** Below this confidence an item is in the queue (rules/confidence.json `review`). */
  reviewBelow: number;
  /** The catalog aliases are added to (default rules/catalog.json). */
  catalogPath: string;
}

type Html = ReturnType<typeof raw>;
/** hono's html tag (escapes every interpolated value) for synchronous pages: nothing here is a Promise. */
const h = (strings: TemplateStringsArray, ...values: unknown[]): Html => html(strings, ...values) as Html;
const RecordPath = z.object({ doc: z.coerce.number().int().positive(), kind: z.enum(["indicator", "task", "target"]), key: z.string().regex(/^t\d{1,6}r\d{1,7}$/) });
const MetaPath = z.object({ doc: z.coerce.number().int().positive(), field: z.enum(Object.keys(METADATA_COLUMN) as [string, ...string[]]) });
const ActionForm = z.object({
  action: z.enum(["accept", "correct", "reject", "note"]),
  field: z.string().max(40).default(""),
  value: z.string().max(MAX_TEXT, `A value may have at most ${MAX_TEXT} characters.`).default(""),
  note: z.string().max(MAX_NOTE, `A note may have at most ${MAX_NOTE} characters; shorten it.`).default(""),
});
const Filters = z.object({
  status: z.string().max(40).optional(),
  format: z.string().max(20).optional(),
  doc_type: z.string().max(200).optional(),
  issuer: z.string().max(300).optional(),
  unit_level: z.string().max(40).optional(),
  province: z.string().max(100).optional(),
  period_year: z.coerce.number().int().min(1900).max(2200).optional(),
});

/** Characters a stored text must not hold (control characters other than tab and newlines). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const pct = (x: unknown) => (typeof x === "number" ? `${Math.round(x * 100)} %` : "—");
const show = (v: unknown) => (v === null || v === undefined || v === "" ? h`<span class="muted">—</span>` : String(v));

function layout(title: string, body: Html, opts: { allowEdit: boolean; reviewer: string }): Html {
  return h`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · baocao review</title><link rel="stylesheet" href="/assets/review.css"></head>
<body><header><b>baocao review</b><a href="/">Documents</a><a href="/queue">Review queue</a>
<span class="badge">${opts.allowEdit ? `editing as ${opts.reviewer}` : "read-only"}</span></header>
<main>${body}</main><script src="/assets/review.js"></script></body></html>`;
}

function reasonsList(reasons: ConfidenceReason[]): Html {
  return h`<ul class="reasons">${reasons.map(
    (r) => h`<li class="${r.factor < 1 ? "warn" : "muted"}"><code>${r.ruleId}</code> ×${r.factor} — ${r.detail}</li>`,
  )}</ul>`;
}

const recordHref = (doc: number, kind: string, key: string) => `/records/${doc}/${kind}/${key}`;
const itemHref = (it: QueueItem) => (it.kind === "metadata" ? `/metadata/${it.documentId}/${it.field}` : recordHref(it.documentId, it.kind, it.key));

/** Builds the Hono application; `baocao serve` listens with it, tests call `app.request`. */
export function reviewApp(o: ReviewOptions): Hono {
  if (!o.store && !o.db) throw new Error("reviewApp needs a db or a store");
  const store: ReviewBackend = o.store ?? new ReviewStore(o.db!);
  const allowEdit = !!o.allowEdit;
  const page = (title: string, body: Html) => layout(title, body, { allowEdit, reviewer: o.reviewer });
  const app = new Hono();
  // Loopback by default, but a page of another site in the same browser could still post a
  // form here: the Origin header must be this server's.
  app.use("*", csrf());
  // A form is a few fields: a larger body is refused before it is read.
  app.use("*", bodyLimit({ maxSize: 64 * 1024, onError: (c) => bad(c, "The form is larger than 64 KB; shorten the note.", 413) }));
  app.use("*", async (c, next) => {
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Content-Security-Policy", "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'");
  });

  app.get("/assets/review.css", (c) => c.body(CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "max-age=3600" }));
  app.get("/assets/review.js", (c) => c.body(JS, 200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "max-age=3600" }));

  const notFound = (c: Context, what: string) => c.html(page("Not found", h`<h1>Not found</h1><p>${what}</p>`), 404);
  const bad = (c: Context, message: string, status: 400 | 403 | 413 = 400) =>
    c.html(page("Refused", h`<div class="flash bad" role="alert">${message}</div><p>Nothing was stored. <a href="javascript:history.back()">Back</a></p>`), status);

  app.get("/", async (c) => {
    const parsed = Filters.safeParse(Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== "")));
    if (!parsed.success) return bad(c, `Bad filter: ${parsed.error.issues[0].message}`);
    const facets = await store.facets();
    const docs = await store.documents(parsed.data);
    const total = facets.status.reduce((s, f) => s + f.n, 0);
    return c.html(
      page(
        "Documents",
        h`<h1>Documents <span class="muted">${docs.length} of ${total}</span></h1>
<form class="filters" method="get" action="/">${DOCUMENT_FILTERS.map(
          (f) => h`<label>${f.replace("_", " ")}<select name="${f}"><option value="">any</option>${facets[f].map(
            (v) =>
              h`<option value="${v.value ?? ""}" ${String(parsed.data[f] ?? "") === String(v.value ?? "") && parsed.data[f] !== undefined ? "selected" : ""}>${v.value ?? "(none)"} (${v.n})</option>`,
          )}</select></label>`,
        )}<button type="submit">Filter</button> <a href="/">clear</a></form>
<div class="scroll"><table><thead><tr><th>Path</th><th>Format</th><th>Status</th><th>Type</th><th>Number</th><th>Issuer</th><th>Level</th><th>Province</th><th>Period</th><th>Indicators</th><th>Warnings</th></tr></thead><tbody>
${docs.map(
  (d) => h`<tr><td><a href="/documents/${d.id}">${d.path}</a></td><td>${d.format}</td><td>${d.status}</td><td>${show(d.doc_type)}</td><td>${show(d.number)}</td><td>${show(d.issuer)}</td><td>${show(d.unit_level)}</td><td>${show(d.province)}</td><td>${show(d.period_kind)} ${show(d.period_year)}</td><td class="num">${d.indicators}</td><td class="num">${d.warnings}</td></tr>`,
)}</tbody></table></div>`,
      ),
    );
  });

  app.get("/documents/:id", async (c) => {
    const id = z.coerce.number().int().positive().safeParse(c.req.param("id"));
    const d = id.success ? await store.documentDetail(id.data) : undefined;
    if (!d) return notFound(c, "No such document.");
    const meta = JSON.parse(String(d.raw.metadata_json)) as { sources?: Record<string, { page?: number; line?: number }>; confidence?: Record<string, { confidence: number; reasons: ConfidenceReason[] }> };
    const tree = (parent: number | null): Html => {
      const kids = d.sections.filter((s) => (s.parent_ordinal ?? null) === parent);
      return kids.length ? h`<ul class="tree">${kids.map((s) => h`<li><b>${s.number}</b> ${s.title} <span class="muted">${s.page ? `p. ${s.page}` : s.line ? `l. ${s.line}` : ""}</span>${tree(Number(s.ordinal))}</li>`)}</ul>` : h``;
    };
    const docId = id.success ? id.data : 0;
    return c.html(
      page(
        String(d.doc.path),
        h`<h1>${d.doc.path} <span class="badge">${d.doc.format}</span> <span class="badge">${d.doc.status}</span></h1>
<h2>Metadata</h2><table><thead><tr><th>Field</th><th>Value (reviewed)</th><th>Confidence</th><th>Where found</th><th>Reasons</th></tr></thead><tbody>
${Object.entries(METADATA_COLUMN).map(([field, column]) => {
  const conf = meta.confidence?.[field];
  const src = meta.sources?.[field];
  return h`<tr><td><a href="/metadata/${docId}/${field}">${field}</a></td><td>${show(d.doc[column])}${d.doc[column] !== d.raw[column] ? h` <span class="muted">(was ${show(d.raw[column])})</span>` : ""}</td>
<td class="num">${pct(conf?.confidence)}</td><td>${src ? `${src.page ? `page ${src.page}` : ""}${src.line ? ` line ${src.line}` : ""}` : show(null)}</td><td>${conf ? reasonsList(conf.reasons.filter((r) => r.factor < 1)) : ""}</td></tr>`;
})}</tbody></table>
<h2>Sections</h2>${tree(null)}
<h2>Indicators (${d.indicators.length})</h2>${recordTable(docId, "indicator", d.indicators)}
${d.tasks.length ? h`<h2>Tasks (${d.tasks.length})</h2>${recordTable(docId, "task", d.tasks)}` : ""}
${d.targets.length ? h`<h2>Targets (${d.targets.length})</h2>${recordTable(docId, "target", d.targets)}` : ""}
<h2>Tables (${d.tables.length})</h2>${d.tables.map((t) => {
  const cols = (JSON.parse(String(t.columns_json)) as { path: string }[]).map((x) => x.path);
  const rows = (JSON.parse(String(t.cells_json)) as [number | null, number | null, (string | null)[]][]).slice(0, 300);
  return h`<h3>${Number(t.table_index) + 1}. ${t.title ?? "(untitled)"} <span class="badge">${t.kind}</span></h3><div class="scroll"><table><thead><tr>${cols.map((head) => h`<th>${head}</th>`)}</tr></thead>
<tbody>${rows.map((r) => h`<tr>${r[2].map((cell) => h`<td>${cell ?? ""}</td>`)}</tr>`)}</tbody></table></div>`;
})}
<h2>Messages (${d.messages.length})</h2><table><thead><tr><th>Severity</th><th>Rule</th><th>Reason</th><th>Place</th></tr></thead><tbody>
${d.messages.map((m) => h`<tr><td class="${m.severity === "error" ? "bad" : m.severity === "warning" ? "warn" : "muted"}">${m.severity}</td><td><code>${m.rule_id}</code></td><td>${m.reason}</td><td>${[m.page ? `page ${m.page}` : "", m.line ? `line ${m.line}` : "", m.table_index !== null ? `table ${Number(m.table_index) + 1}` : "", m.row_index !== null ? `row ${Number(m.row_index) + 1}` : ""].filter(Boolean).join(", ")}</td></tr>`)}
</tbody></table>`,
      ),
    );
  });

  function recordTable(doc: number, kind: Exclude<RecordKind, "metadata">, rows: Record<string, unknown>[]): Html {
    const label = (r: Record<string, unknown>) => (kind === "task" ? r.content : r.name);
    const value = (r: Record<string, unknown>) => (kind === "indicator" ? r.raw_value : kind === "target" ? r.raw_target : r.timeframe);
    return h`<div class="scroll"><table><thead><tr><th>STT</th><th>Label</th><th>Raw</th><th>Value (reviewed)</th><th>Confidence</th><th>Review</th></tr></thead><tbody>
${rows.map((r) => h`<tr><td>${r.code}</td><td><a href="${recordHref(doc, kind, `t${r.table_index}r${r.row_index}`)}">${show(label(r))}</a></td><td>${show(value(r))}</td><td class="num">${show(kind === "indicator" ? r.value : kind === "target" ? r.target : r.owner)}</td><td class="num ${Number(r.confidence) < o.reviewBelow ? "bad" : ""}">${pct(r.confidence)}</td><td>${r.review_status === "unreviewed" ? "" : r.review_status}</td></tr>`)}
</tbody></table></div>`;
  }

  app.get("/queue", async (c) => {
    const q = await store.queue(o.reviewBelow);
    const pending = q.total - q.reviewed;
    return c.html(
      page(
        "Review queue",
        h`<h1>Review queue</h1>
<div class="progress"><div><b>${q.total}</b>to review (confidence below ${pct(o.reviewBelow)})</div><div><b class="ok">${q.reviewed}</b>reviewed</div><div><b class="${pending ? "bad" : "ok"}">${pending}</b>pending</div>
${Object.entries(q.byReason).sort((a, b) => b[1] - a[1]).map(([id, n]) => h`<div><b>${n}</b><code>${id}</code></div>`)}</div>
<div class="scroll"><table id="queue"><thead><tr><th>Severity</th><th>Kind</th><th>Document</th><th>Record</th><th>Raw</th><th>Why</th><th>Review</th></tr></thead><tbody>
${q.items.map(
  (it) => h`<tr data-kind="${it.kind}" data-status="${it.status ?? "pending"}"><td><meter min="0" max="1" low="0.5" high="0.79" optimum="1" value="${it.confidence}"></meter> ${pct(it.confidence)}</td><td>${it.kind}</td><td>${it.path}</td>
<td><a href="${itemHref(it)}">${it.label || it.key}</a></td><td>${show(it.rawValue)}</td><td>${it.reasons.filter((r) => r.factor < 1).map((r) => h`<div><code>${r.ruleId}</code> ${r.detail}</div>`)}</td><td>${it.status ?? h`<span class="bad">pending</span>`}</td></tr>`,
)}</tbody></table></div>`,
      ),
    );
  });

  /** The first pending queue item after the current one (wrapping), or undefined. */
  const nextPending = async (current: string): Promise<string | undefined> => {
    const items = (await store.queue(o.reviewBelow)).items.filter((i) => i.status === null);
    const hrefs = items.map(itemHref);
    const at = hrefs.indexOf(current);
    return hrefs.find((h, i) => i > at && h !== current) ?? hrefs.find((h) => h !== current);
  };

  const actionForms = (target: string, fields: string[], current: Record<string, unknown>, withAlias: boolean): Html =>
    allowEdit
      ? h`<h2>Actions</h2><div class="actions">
<form method="post" action="${target}" data-action="accept"><input type="hidden" name="action" value="accept"><button class="primary" type="submit">Accept <kbd>a</kbd></button></form>
<form method="post" action="${target}" data-action="reject"><input type="hidden" name="action" value="reject"><button type="submit">Reject <kbd>r</kbd></button></form>
<form method="post" action="${target}" data-action="correct"><input type="hidden" name="action" value="correct">
<select name="field" aria-label="field">${fields.map((f) => h`<option value="${f}">${f}</option>`)}</select>
<input type="text" name="value" aria-label="new value" maxlength="${MAX_TEXT}" value="${current[fields[0]] ?? ""}" placeholder="new value">
<input type="text" name="note" aria-label="reason" maxlength="${MAX_NOTE}" placeholder="why (optional)"><button type="submit">Correct <kbd>c</kbd></button></form>
<form method="post" action="${target}" data-action="note"><input type="hidden" name="action" value="note"><textarea name="note" aria-label="note" placeholder="note for the record"></textarea><button type="submit">Add note <kbd>o</kbd></button></form>
${withAlias ? h`<form method="post" action="${target}/alias" data-action="alias"><button type="submit" title="Add this label to rules/catalog.json as an alias of the reviewed indicator id">Add label as catalog alias</button></form>` : ""}
</div>`
      : h`<p class="muted">Read-only: start <code>baocao serve --allow-edit --reviewer NAME</code> to correct.</p>`;

  const historyTable = (rows: ReturnType<ReviewStore["history"]>): Html =>
    rows.length
      ? h`<h2>History</h2><table><thead><tr><th>When</th><th>Who</th><th>Action</th><th>Field</th><th>Old</th><th>New</th><th>Note</th></tr></thead><tbody>
${rows.map((x) => h`<tr><td>${x.at}</td><td>${x.reviewer}</td><td>${x.action}</td><td>${x.field}</td><td>${show(x.old_json)}</td><td>${show(x.new_json)}</td><td>${show(x.note)}</td></tr>`)}</tbody></table>`
      : h``;

  const flash = (c: Context) => {
    const saved = c.req.query("saved");
    const alias = c.req.query("alias");
    return h`${saved ? h`<div class="flash ok" role="status">Saved: ${saved}.</div>` : ""}${alias ? h`<div class="flash ok" role="status">${alias}</div>` : ""}`;
  };

  app.get("/records/:doc/:kind/:key", async (c) => {
    const p = RecordPath.safeParse(c.req.param());
    const r = p.success ? await store.record(p.data.doc, p.data.kind, p.data.key) : undefined;
    if (!p.success || !r) return notFound(c, "No such record.");
    const { doc, row } = r;
    const here = recordHref(p.data.doc, p.data.kind, p.data.key);
    const next = await nextPending(here);
    const kind = p.data.kind;
    const fields = Object.keys(FIELDS[kind]);
    let cands: ReturnType<typeof candidates> = [];
    if (kind === "indicator") {
      try {
        cands = candidates(readCatalog(o.catalogPath), String(row.name ?? ""));
      } catch {
        cands = [];
      }
    }
    const image = doc.format === "pdf" && row.page ? `/crop/${p.data.doc}/${kind}/${p.data.key}.png` : undefined;
    return c.html(
      page(
        `Record ${p.data.key}`,
        h`${flash(c)}<h1>${kind} ${row.code ?? ""} — ${String(kind === "task" ? row.content ?? "" : row.name ?? "").slice(0, 120)}</h1>
<p><a href="/documents/${p.data.doc}">${doc.path}</a> · table ${Number(row.table_index) + 1}, row ${Number(row.row_index) + 1}${row.page ? `, page ${row.page}` : ""}
${next ? h` · <a data-next href="${next}">next pending <kbd>n</kbd></a>` : h` · <span class="ok">queue done</span>`} · <a href="/queue">queue</a></p>
<div class="record"><div class="crop">${image ? h`<img id="crop" src="${image}" alt="The page cropped to the record">` : h`<p class="muted">No page image: ${doc.format === "pdf" ? "the record has no page." : `a ${doc.format} file has no pages to draw.`}</p>`}</div>
<div><table><tbody>
${kind === "indicator"
  ? h`<tr><th>Label (raw text)</th><td>${row.name}</td></tr><tr><th>Value cell (raw text)</th><td id="raw">${show(row.raw_value)}</td></tr>
<tr><th>Parsed value</th><td id="value">${show(row.value)}${row.value !== row.raw_parsed_value ? h` <span class="muted">(extracted: ${show(row.raw_parsed_value)})</span>` : ""}</td></tr>
<tr><th>Numerator / denominator</th><td>${show(row.numerator)} / ${show(row.denominator)}</td></tr>
<tr><th>Unit</th><td>${show(row.unit)} <span class="muted">${row.unit_canonical ? `canonical ${row.unit_canonical}` : ""}</span></td></tr>
<tr><th>Indicator id</th><td>${show(row.indicator_id)} <span class="muted">${row.match_score !== null ? `score ${row.match_score}` : ""}</span></td></tr>
<tr><th>Flags</th><td>${(JSON.parse(String(row.flags ?? "[]")) as string[]).map((f) => h`<code>${f}</code> `)}${r.messages.map((m) => h`<div class="warn">${m.rule_id}: ${m.reason}</div>`)}</td></tr>
<tr><th>Catalog candidates</th><td>${cands.map((x) => h`<div><code>${x.id}</code> ${x.name} <span class="muted">${x.score}</span></div>`)}</td></tr>`
  : kind === "task"
    ? h`<tr><th>Content</th><td>${show(row.content)}</td></tr><tr><th>Output</th><td>${show(row.output)}</td></tr><tr><th>Owner</th><td>${show(row.owner)}</td></tr><tr><th>Timeframe</th><td>${show(row.timeframe)}</td></tr>`
    : h`<tr><th>Name</th><td>${row.name}</td></tr><tr><th>Target cell (raw text)</th><td id="raw">${show(row.raw_target)}</td></tr><tr><th>Target</th><td id="value">${row.comparator ?? ""} ${show(row.target)}</td></tr><tr><th>Unit</th><td>${show(row.unit)}</td></tr><tr><th>Owner</th><td>${show(row.owner)}</td></tr>`}
<tr><th>Confidence</th><td id="confidence" class="${Number(row.confidence) < o.reviewBelow ? "bad" : "ok"}">${pct(row.confidence)}${reasonsList(r.reasons)}</td></tr>
<tr><th>Review</th><td id="status">${row.review_status}${row.reviewer ? ` by ${row.reviewer}` : ""}</td></tr>
</tbody></table>
${actionForms(here, fields, row, kind === "indicator" && row.indicator_id !== null && row.review_status !== "unreviewed")}
${historyTable(r.history)}</div></div>
<p class="muted">Keys: <kbd>a</kbd> accept · <kbd>r</kbd> reject · <kbd>c</kbd> correct · <kbd>o</kbd> note · <kbd>n</kbd> next · <kbd>Esc</kbd> leave a field</p>`,
      ),
    );
  });

  app.get("/metadata/:doc/:field", async (c) => {
    const p = MetaPath.safeParse(c.req.param());
    const d = p.success ? await store.documentDetail(p.data.doc) : undefined;
    if (!p.success || !d) return notFound(c, "No such document or field.");
    const column = METADATA_COLUMN[p.data.field];
    const meta = JSON.parse(String(d.raw.metadata_json)) as { confidence?: Record<string, { confidence: number; reasons: ConfidenceReason[] }> };
    const conf = meta.confidence?.[p.data.field];
    const here = `/metadata/${p.data.doc}/${p.data.field}`;
    const next = await nextPending(here);
    const fields = [column, ...Object.keys(FIELDS.metadata).filter((f) => f !== column)];
    return c.html(
      page(
        `${p.data.field}`,
        h`${flash(c)}<h1>Metadata: ${p.data.field}</h1><p><a href="/documents/${p.data.doc}">${d.doc.path}</a>${next ? h` · <a data-next href="${next}">next pending <kbd>n</kbd></a>` : ""} · <a href="/queue">queue</a></p>
<table><tbody><tr><th>Value (reviewed)</th><td id="value">${show(d.doc[column])}</td></tr><tr><th>Extracted</th><td>${show(d.raw[column])}</td></tr>
<tr><th>Confidence</th><td>${pct(conf?.confidence)}${conf ? reasonsList(conf.reasons) : ""}</td></tr></tbody></table>
${actionForms(here, fields, d.doc, false)}${historyTable((await store.history(String(d.doc.sha256), "metadata", "p0")).filter((h) => h.field === column || h.field === ""))}`,
      ),
    );
  });

  app.get("/crop/:doc/:kind/:file", async (c) => {
    const p = RecordPath.safeParse({ ...c.req.param(), key: c.req.param("file").replace(/\.png$/, "") });
    const r = p.success ? await store.record(p.data.doc, p.data.kind, p.data.key) : undefined;
    if (!p.success || !r || !r.row.page) return c.text("No such record or it has no page.", 404);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(String(r.doc.path));
    } catch {
      return c.text(`The file ${r.doc.path} is not readable from where baocao serve runs.`, 404);
    }
    if (createHash("sha256").update(bytes).digest("hex") !== r.doc.sha256) return c.text(`The file ${r.doc.path} changed since it was ingested; re-ingest it.`, 409);
    const bbox = r.row.bbox ? (JSON.parse(String(r.row.bbox)) as [number, number, number, number]) : undefined;
    try {
      const png = await cropPng(bytes, Number(r.row.page), bbox);
      return c.body(new Uint8Array(png), 200, { "Content-Type": "image/png", "Cache-Control": "max-age=600" });
    } catch (e) {
      return c.text(`The page could not be drawn: ${(e as Error).message}`, 422);
    }
  });

  /** Validates and stores one action; returns the error message or the saved summary. */
  async function act(kind: RecordKind, documentId: number, key: string, form: unknown, fixedField?: string): Promise<{ error: string } | { saved: string }> {
    const f = ActionForm.safeParse(form);
    if (!f.success) return { error: f.error.issues.map((i) => i.message).join(" ") };
    const { action } = f.data;
    const field = kind === "metadata" ? (f.data.field || fixedField || "") : action === "correct" ? f.data.field : "";
    if (CONTROL.test(f.data.value) || CONTROL.test(f.data.note)) return { error: "Control characters are not allowed in a value or a note." };
    let value: number | string | null = null;
    if (action === "correct") {
      const spec = FIELDS[kind][field];
      if (!spec) return { error: `Choose one of the fields ${Object.keys(FIELDS[kind]).join(", ")}.` };
      const text = f.data.value.replace(/\s+/g, " ").trim();
      if (text === "") value = null;
      else if (spec.numeric) {
        const n = parseVietnameseNumber(text);
        if (n === null || !Number.isFinite(n)) return { error: `"${text.slice(0, 60)}" is not a number; ${field} takes a number such as 12, 98,5 or 1.234.` };
        value = n;
      } else if (field === "indicator_id") {
        let known = false;
        try {
          known = readCatalog(o.catalogPath).indicators.some((e) => e.id === text);
        } catch (e) {
          return { error: (e as Error).message };
        }
        if (!known) return { error: `"${text.slice(0, 60)}" is not an id of the catalog.` };
        value = text;
      } else value = text;
    }
    try {
      await store.addCorrection({ documentId, kind, key, action: action as Action, field, value, note: f.data.note.trim() || null, reviewer: o.reviewer });
    } catch (e) {
      if (e instanceof CorrectionError) return { error: e.message };
      throw e;
    }
    return { saved: action === "correct" ? `${field} = ${value === null ? "empty" : value}` : action };
  }

  const afterSave = (here: string, saved: string, nextHref: string | undefined) =>
    `${nextHref && !saved.startsWith("note") ? nextHref : here}?saved=${encodeURIComponent(saved)}`;

  app.post("/records/:doc/:kind/:key", async (c) => {
    if (!allowEdit) return bad(c, "This server is read-only; start it with --allow-edit to correct.", 403);
    const p = RecordPath.safeParse(c.req.param());
    if (!p.success) return notFound(c, "No such record.");
    const here = recordHref(p.data.doc, p.data.kind, p.data.key);
    const result = await act(p.data.kind, p.data.doc, p.data.key, await c.req.parseBody());
    if ("error" in result) return bad(c, result.error);
    // Corrections stay on the record so the reviewer sees the result; accept and reject move on.
    return c.redirect(result.saved.includes("=") || result.saved === "note" ? `${here}?saved=${encodeURIComponent(result.saved)}` : afterSave(here, result.saved, await nextPending(here)), 303);
  });

  app.post("/metadata/:doc/:field", async (c) => {
    if (!allowEdit) return bad(c, "This server is read-only; start it with --allow-edit to correct.", 403);
    const p = MetaPath.safeParse(c.req.param());
    if (!p.success) return notFound(c, "No such field.");
    const here = `/metadata/${p.data.doc}/${p.data.field}`;
    const result = await act("metadata", p.data.doc, "p0", await c.req.parseBody(), METADATA_COLUMN[p.data.field]);
    if ("error" in result) return bad(c, result.error);
    return c.redirect(`${here}?saved=${encodeURIComponent(result.saved)}`, 303);
  });

  app.post("/records/:doc/indicator/:key/alias", async (c) => {
    if (!allowEdit) return bad(c, "This server is read-only; start it with --allow-edit to correct.", 403);
    const p = RecordPath.safeParse({ ...c.req.param(), kind: "indicator" });
    const r = p.success ? await store.record(p.data.doc, "indicator", p.data.key) : undefined;
    if (!p.success || !r) return notFound(c, "No such record.");
    if (r.row.indicator_id === null || r.row.review_status === "unreviewed") return bad(c, "Accept or correct the indicator id first; then its label can become an alias.");
    let result: { added: boolean; message: string };
    try {
      result = addAlias(o.catalogPath, String(r.row.indicator_id), String(r.row.name));
    } catch (e) {
      return bad(c, (e as Error).message);
    }
    if (!result.added) return bad(c, result.message);
    return c.redirect(`${recordHref(p.data.doc, "indicator", p.data.key)}?alias=${encodeURIComponent(result.message)}`, 303);
  });

  app.notFound((c) => c.html(page("Not found", h`<h1>Not found</h1><p><a href="/">Documents</a></p>`), 404));
  app.onError((e, c) =>
    e instanceof HTTPException && e.status === 403
      ? bad(c, "Refused: the form was not sent from this server's own pages (its Origin header is missing or another site's).", 403)
      :  c.html(page("Error", h`<div class="flash bad" role="alert">Something went wrong: ${e.message}</div><p>Nothing was stored.</p>`), 500),
  );
  return app;
}
