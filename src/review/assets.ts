/**
 * The review application's only assets, served from the package itself (no CDN, works
 * offline): one stylesheet and one script of progressive enhancement (keyboard shortcuts).
 * Every page works without the script.
 */
export const CSS = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; --warn: #9a6700; --bad: #cf222e; --ok: #1a7f37; --accent: #0969da; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); margin: 0; }
header { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.2rem; border-bottom: 1px solid var(--line); background: var(--bg); }
header b { font-size: 1.05rem; }
header a { color: var(--ink); text-decoration: none; }
header a:hover { text-decoration: underline; }
.badge { border: 1px solid var(--line); border-radius: 1rem; padding: 0 .6rem; font-size: .8rem; color: var(--muted); background: #fff; }
main { padding: 1rem 1.2rem; max-width: 1400px; }
h1 { font-size: 1.25rem; margin: .2rem 0 1rem; } h2 { font-size: 1.05rem; margin: 1.4rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; margin-bottom: .8rem; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: var(--bg); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); } .bad { color: var(--bad); } .ok { color: var(--ok); } .warn { color: var(--warn); }
.flash { padding: .5rem .8rem; border-radius: .3rem; margin-bottom: 1rem; border: 1px solid; }
.flash.ok { background: #dafbe1; border-color: #4ac26b; color: var(--ink); } .flash.bad { background: #ffebe9; border-color: #ff8182; color: var(--ink); }
form.filters { display: flex; flex-wrap: wrap; gap: .6rem; align-items: end; margin-bottom: 1rem; }
form.filters label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
select, input, textarea, button { font: inherit; }
input[type=text], textarea, select { border: 1px solid var(--line); border-radius: .3rem; padding: .25rem .4rem; }
button { border: 1px solid var(--line); border-radius: .3rem; padding: .3rem .8rem; background: var(--bg); cursor: pointer; }
button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
kbd { border: 1px solid var(--line); border-bottom-width: 2px; border-radius: .25rem; padding: 0 .3rem; font-size: .75rem; background: #fff; }
meter { width: 4rem; vertical-align: middle; }
.progress { display: flex; gap: 1.2rem; flex-wrap: wrap; margin-bottom: 1rem; }
.progress div { border: 1px solid var(--line); border-radius: .4rem; padding: .4rem .8rem; background: var(--bg); }
.progress b { display: block; font-size: 1.2rem; }
.record { display: grid; grid-template-columns: minmax(320px, 1.1fr) 1fr; gap: 1.2rem; align-items: start; }
.crop { border: 1px solid var(--line); background: #fff; padding: .4rem; }
.crop img { max-width: 100%; display: block; }
.actions form { display: inline-flex; gap: .4rem; align-items: center; margin: 0 .6rem .6rem 0; flex-wrap: wrap; }
.actions textarea { width: 28rem; max-width: 100%; height: 3.2rem; }
ul.tree { list-style: none; padding-left: 1.1rem; margin: .2rem 0; } ul.tree li { margin: .1rem 0; }
.reasons li { margin: .1rem 0; }
.scroll { overflow-x: auto; }
`;

/**
 * Keyboard shortcuts on the record view: a accept, r reject, c correct (focus the value),
 * o note, n next; ignored while typing in a field (Escape leaves it).
 */
export const JS = `
(function () {
  var keys = { a: "accept", r: "reject" };
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key === "Escape" && t && t.blur) { t.blur(); return; }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
    if (keys[e.key]) {
      var f = document.querySelector('form[data-action="' + keys[e.key] + '"]');
      if (f) { e.preventDefault(); f.requestSubmit ? f.requestSubmit() : f.submit(); }
    } else if (e.key === "c") {
      var v = document.querySelector('form[data-action="correct"] input[name="value"]');
      if (v) { e.preventDefault(); v.focus(); v.select(); }
    } else if (e.key === "o") {
      var n = document.querySelector('form[data-action="note"] textarea');
      if (n) { e.preventDefault(); n.focus(); }
    } else if (e.key === "n") {
      var next = document.querySelector("a[data-next]");
      if (next) { e.preventDefault(); location.href = next.href; }
    }
  });
})();
`;
