import { createReadStream } from 'node:fs';
import { CsvError, type Info, parse } from 'csv-parse';
import type { DataRow } from './data-row.js';

/**
 * Streams a CSV file with a header row; each record becomes an object keyed by column name.
 * Malformed records are reported and skipped so one bad row does not hide the rest.
 */
export async function* readCsvRows(file: string): AsyncGenerator<DataRow> {
  const skipped: DataRow[] = [];
  const stream = createReadStream(file);
  const parser = stream.pipe(
    parse({
      columns: true,
      info: true,
      bom: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        if (error !== undefined) skipped.push(csvErrorToRow(error, file));
        return undefined;
      },
    }),
  );
  try {
    for await (const entry of parser as AsyncIterable<{ record: unknown; info: Info }>) {
      yield* skipped.splice(0);
      // `lines` counts lines read so far, i.e. the line on which this record ends.
      yield { kind: 'row', line: entry.info.lines, value: entry.record };
    }
    yield* skipped.splice(0);
  } catch (error) {
    // Errors that cannot be skipped (e.g. a quote never closed) end the file.
    if (!(error instanceof CsvError)) throw error;
    yield* skipped.splice(0);
    yield csvErrorToRow(error, file);
  } finally {
    stream.destroy();
    parser.destroy();
  }
}

function csvErrorToRow(error: CsvError, file: string): DataRow {
  const line = typeof error.lines === 'number' ? error.lines : 0;
  const message = error.message.replace(/ (on|at) line \d+$/, '');
  return {
    kind: 'problem',
    line,
    problem: {
      code: 'invalid_csv',
      path: [],
      message: `invalid CSV: ${message}`,
      file,
      ...(line > 0 ? { line } : {}),
    },
  };
}
