import { wordDiff } from '../lib/word-diff.js';

/** Words removed from `before` struck through, words added in `after` marked; all as text. */
export function WordDiffView({ before, after }: { before: string; after: string }) {
  const parts = wordDiff(before, after);
  let offset = 0;
  return (
    <pre className="output diff" data-testid="word-diff">
      {parts.map((part) => {
        const key = `${offset}-${part.kind}`;
        offset += part.text.length;
        if (part.kind === 'added') return <ins key={key}>{part.text}</ins>;
        if (part.kind === 'removed') return <del key={key}>{part.text}</del>;
        return <span key={key}>{part.text}</span>;
      })}
    </pre>
  );
}
