/**
 * Text that renders as itself in Markdown, inside or outside a table cell: HTML becomes
 * entities (so `<script>` stays text), the characters that open Markdown syntax (emphasis,
 * code, links, headings, table cells) are backslash-escaped, and line breaks become spaces so
 * a value cannot start a new block.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]#|~]/g, (character) => `\\${character}`)
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ');
}
