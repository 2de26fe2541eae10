"""The report's inline stylesheet: calm, print-friendly, no web fonts, no external assets."""

STYLE = """
:root { --ink: #1f2328; --muted: #5b6470; --line: #d8dde3; --paper: #fbfaf7; --card: #fff;
  --accent: #2f5d8a; --mark: #fff0a8; --alert: #a33a2b; --warn: #8a6212; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 16px/1.55 Georgia, "DejaVu Serif", "Times New Roman", serif; }
main { max-width: 62rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1, h2, h3, nav, .meta, table, .badge, .cid, .src, .who, .figure, summary {
  font-family: system-ui, "DejaVu Sans", Arial, sans-serif; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 .75rem; }
a { color: var(--accent); }
nav { margin: .75rem 0 1.25rem; font-size: .9rem; }
.meta, .muted { color: var(--muted); font-size: .9rem; }
.narrative { font-size: 1.1rem; background: var(--card); border-left: 4px solid var(--accent);
  padding: .9rem 1.1rem; margin: 0; }
.ref { font-size: .8rem; color: var(--muted); overflow-wrap: anywhere; }
.headline { background: var(--card); border-left: 4px solid var(--accent); }
.headline .narrative { border-left: 0; }
details.refs { padding: 0 1.1rem .7rem; font-size: .85rem; color: var(--muted); }
details.refs > summary, details.more > summary { cursor: pointer; font-family: system-ui, "DejaVu Sans", Arial, sans-serif; }
details.refs ol { margin: .4rem 0 0; padding-left: 1.4rem; }
details.refs li:target { outline: 2px solid var(--accent); }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; background: var(--card); }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line);
  overflow-wrap: anywhere; }
th { color: var(--muted); font-weight: 600; overflow-wrap: normal; }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.by > li { margin-bottom: .2rem; }
details.more > summary { color: var(--accent); font-size: .85rem; }
.chart-legend { font-size: .88rem; color: var(--muted); background: var(--card); border: 1px solid var(--line);
  border-radius: .5rem; padding: .6rem .8rem; margin-bottom: 1rem; }
.chart-legend strong { color: var(--ink); }
.pictures { display: grid; gap: 1rem; margin-bottom: 1.25rem;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 27rem), 1fr)); }
.pictures > figure:has(.toll) { grid-column: 1 / -1; }  /* a strip beside its toll chart */
figure.figure-row { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: .5rem;
  padding: .7rem .9rem; min-width: 0; }
figure.figure-row > figcaption, .chart-title { font-family: system-ui, "DejaVu Sans", Arial, sans-serif;
  font-weight: 600; margin: 0 0 .4rem; }
.chart-title { font-size: .9rem; color: var(--muted); }
svg.chart { display: block; width: 100%; max-width: 30rem; height: auto; }
.charts { display: grid; gap: .6rem 1.5rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); }
.charts > * { min-width: 0; }
.vague { margin: .3rem 0 0; }
ul.spaced > li { margin-bottom: .8rem; }
.badge { display: inline-block; font-size: .72rem; padding: .05rem .45rem; border-radius: .6rem;
  border: 1px solid var(--line); color: var(--muted); vertical-align: middle; font-weight: 500; }
.badge.alert { color: var(--alert); border-color: #e3b8b1; }
.badge.warn { color: var(--warn); border-color: #e6d3a3; }
.conflict { background: var(--card); border: 1px solid var(--line); border-radius: .5rem;
  padding: 1rem; margin-bottom: 1rem; }
.sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1rem; }
.side { border-top: 3px solid var(--line); padding-top: .5rem; }
.who { font-weight: 600; }
.figure { font-size: 1.6rem; font-weight: 700; line-height: 1.2; margin: .2rem 0; }
ol.claims { padding-left: 0; list-style: none; }
ol.claims > li { background: var(--card); border: 1px solid var(--line); border-radius: .5rem;
  padding: .7rem .9rem; margin-bottom: .6rem; }
ol.claims > li:target { border-color: var(--accent); box-shadow: 0 0 0 2px #c9d9ea; }
.cid { font-size: .8rem; color: var(--muted); margin-right: .3rem; }
.fig { font-weight: 700; }
ul.cites { list-style: none; padding: 0; margin: .4rem 0 0; font-size: .92rem; }
ul.cites li { margin: .15rem 0; }
.cite { text-decoration: none; color: inherit; }
a.cite .src { color: var(--accent); text-decoration: underline; }
.src { font-size: .78rem; font-weight: 600; margin-right: .25rem; }
.withheld { color: var(--muted); font-style: italic; }
q { quotes: "\\201C" "\\201D"; }
ol.timeline { padding-left: 1.2rem; }
time { font-family: system-ui, sans-serif; font-weight: 600; margin-right: .4rem; }
details.article { background: var(--card); border: 1px solid var(--line); border-radius: .5rem;
  margin-bottom: .6rem; padding: .5rem .9rem; }
details.article > summary { cursor: pointer; }
.article-text { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: .6rem; font-size: .95rem; }
mark.q { background: var(--mark); color: inherit; padding: 0 .05rem; }
mark.q mark.q { background: #ffd86b; }
mark.q:target { outline: 2px solid var(--accent); }
.omitted { color: var(--muted); font-style: italic; font-size: .85rem; }
table.run th { width: 10rem; }
/* On a narrow screen a table's rows become stacked cards, each cell headed by its column's name. */
@media (max-width: 40rem) {
  main { padding: 1.25rem .75rem 3rem; }
  table.stack thead { display: none; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack tr { border-bottom: 2px solid var(--line); padding: .3rem 0; }
  table.stack td { border: 0; padding: .15rem .6rem; display: grid; grid-template-columns: 6.5rem minmax(0, 1fr); gap: .5rem; }
  table.stack td::before { content: attr(data-label); font-size: .78rem; color: var(--muted); padding-top: .1rem; }
  table.run th { width: 6.5rem; }
}
@media print { details.article, figure.figure-row { break-inside: avoid; } nav { display: none; } }
"""
