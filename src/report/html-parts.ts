import { escapeHtml as h } from './escape-html.js';

/** A bulleted list of escaped items; nothing for none. */
export function list(items: readonly string[]): string {
  return items.length === 0
    ? ''
    : `<ul>${items.map((item) => `<li>${h(item)}</li>`).join('')}</ul>`;
}

export function table(header: string[], rows: string[][], classes: string[] = []): string {
  const head = header
    .map(
      (cell, index) => `<th${classes[index] ? ` class="${classes[index]}"` : ''}>${h(cell)}</th>`,
    )
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, index) => `<td${classes[index] ? ` class="${classes[index]}"` : ''}>${h(cell)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function chart(id: string, label: string): string {
  return `<div class="chart"><canvas id="${id}" role="img" aria-label="${h(label)}"></canvas></div>`;
}
