import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * Chart.js's UMD bundle, to inline into the HTML report so it draws with no network. The
 * source-map comment is dropped: a viewer would otherwise try to fetch the map.
 */
export function chartLibrarySource(): string {
  if (cached !== undefined) return cached;
  const entry = createRequire(import.meta.url).resolve('chart.js');
  const source = readFileSync(join(dirname(entry), 'chart.umd.min.js'), 'utf8').replace(
    /\n?\/\/# sourceMappingURL=\S*\s*$/,
    '\n',
  );
  if (/<\/script|<!--/i.test(source)) {
    throw new Error('the chart library cannot be inlined: it contains </script> or <!--');
  }
  cached = source;
  return source;
}
