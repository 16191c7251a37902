import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export type YamlPath = readonly (string | number)[];

/**
 * Maps a field path (as zod reports it) to the 1-based line of the YAML node it names.
 * A map entry points at its key's line, so a block value that starts on the next line still
 * reports the line a person would look at. When part of the path does not exist (a missing
 * field), the nearest existing parent's line is returned.
 */
export class YamlLineLocator {
  readonly #document: Document;
  readonly #lineCounter: LineCounter;

  constructor(document: Document, lineCounter: LineCounter) {
    this.#document = document;
    this.#lineCounter = lineCounter;
  }

  locate(path: YamlPath): number {
    let node = this.#resolve(this.#document.contents);
    let line = this.#lineOf(node) ?? 1;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment),
        );
        if (pair === undefined) break;
        line = this.#lineOf(pair.key as Node) ?? this.#lineOf(pair.value as Node) ?? line;
        node = this.#resolve(pair.value);
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (item === undefined) break;
        line = this.#lineOf(item as Node) ?? line;
        node = this.#resolve(item);
      } else {
        break;
      }
    }
    return line;
  }

  #resolve(node: unknown): unknown {
    // An alias stands for the anchored node; follow it so paths continue through `*name`.
    return isAlias(node) ? node.resolve(this.#document) : node;
  }

  #lineOf(node: unknown): number | undefined {
    if (node === null || typeof node !== 'object' || !('range' in node)) return undefined;
    const range = (node as Node).range;
    if (!range) return undefined;
    return this.#lineCounter.linePos(range[0]).line;
  }
}
