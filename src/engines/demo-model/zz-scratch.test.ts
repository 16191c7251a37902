import { it } from 'vitest';
import { generateDemoCorpus, demoWordList } from './demo-corpus.js';
it('prints', () => {
  const docs = generateDemoCorpus({ seed: 42, documents: 12, patternShare: 0.2 });
  for (const d of docs) console.log(d + '\n---');
  const t0 = performance.now();
  const words = demoWordList();
  console.log(words.size, performance.now() - t0, [...words].sort().join(' '));
});
