/** Plain, print-friendly styles; no fonts or images to fetch. */
export const reportStyles = `
  :root { color-scheme: light; --pass: #15803d; --fail: #b91c1c; --muted: #4b5563; --line: #e5e7eb; }
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1080px; padding: 24px; color: #111827; }
  h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
  h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--line); padding-bottom: 0.3rem; }
  .meta, .note { color: var(--muted); }
  .verdict { font-size: 1.2rem; padding: 12px 16px; border-radius: 8px; background: #f3f4f6; }
  .verdict strong { text-transform: uppercase; letter-spacing: 0.02em; }
  .verdict-finetune { background: #dcfce7; }
  .verdict-not-ready { background: #fef9c3; }
  .verdict-keep-prompting { background: #dbeafe; }
  .gate { border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; margin: 12px 0; }
  .gate h3 { margin: 8px 0; font-size: 1.05rem; }
  .badge { display: inline-block; min-width: 3.2em; text-align: center; border-radius: 4px; color: #fff; font-size: 0.8rem; padding: 1px 6px; margin-right: 6px; }
  .badge-pass { background: var(--pass); }
  .badge-fail { background: var(--fail); }
  table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 0.9rem; }
  th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
  td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
  td.output { font-family: ui-monospace, monospace; white-space: pre-wrap; word-break: break-word; max-width: 420px; }
  .chart { position: relative; margin: 12px 0 24px; }
  .chart-error { color: var(--fail); }
  .warning { border: 2px solid var(--fail); border-radius: 8px; padding: 4px 16px; margin: 12px 0; background: #fef2f2; color: var(--fail); }
  @media print { .chart { break-inside: avoid; } }
`;
