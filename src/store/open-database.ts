import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import { TunegateError } from '../spec/tunegate-error.js';
import { migrations } from './migrations.js';

export type SqliteDatabase = InstanceType<typeof Database>;

/** Opens (creating if needed) a SQLite file in WAL mode and brings its schema up to date. */
export function openDatabase(file: string): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let database: SqliteDatabase;
  try {
    database = new Database(file);
  } catch (error) {
    throw new TunegateError('STORE_ERROR', `cannot open store ${file}: ${String(error)}`, {
      cause: error,
    });
  }
  // WAL keeps readers (show, the web app) unblocked while a run writes; NORMAL is crash-safe in WAL.
  database.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;',
  );
  migrate(database, file);
  return database;
}

function migrate(database: SqliteDatabase, file: string): void {
  const version = () =>
    (database.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (version() === migrations.length) return;
  // IMMEDIATE takes the write lock before reading the version, so two processes opening a new
  // store at once cannot both run the same migration.
  const upgrade = database.transaction(() => {
    const current = version();
    if (current > migrations.length) {
      throw new TunegateError(
        'STORE_ERROR',
        `store ${file} has schema version ${current}, newer than this tunegate (${migrations.length}); upgrade tunegate`,
      );
    }
    for (let next = current; next < migrations.length; next++) {
      database.exec(migrations[next] as string);
    }
    database.exec(`PRAGMA user_version = ${migrations.length}`);
  });
  upgrade.immediate();
}
