import { setTimeout as sleep } from 'node:timers/promises';
import type { RunRecord } from '../../core/eval/run-record.js';
import type {
  CellDetail,
  CellPage,
  GroupRef,
  MatrixGroup,
  QualityEvent,
  RunList,
  RunMatrix,
  RunProgressEvent,
} from '../api-contract.js';
import { type ApiRequest, type ApiRoute, route, streamed } from './api-route.js';
import { EventStream } from './event-stream.js';
import { cellQuerySchema } from './request-schemas.js';
import { runView } from './run-views.js';
import type { WebAppContext } from './web-app-context.js';
import { badRequest, notFound } from './web-http-error.js';

function requireRun(app: WebAppContext, id: string): RunRecord {
  const run = app.store.getRun(id);
  if (!run) throw notFound(`run "${id}"`);
  return run;
}

/** Matrix rows follow the task's order of variants and models where the task still has them. */
async function orderGroups(app: WebAppContext, groups: MatrixGroup[]): Promise<MatrixGroup[]> {
  const task = await app.task.get().catch(() => undefined);
  if (!task) return groups;
  const variantRank = new Map(task.config.variants.map((variant, index) => [variant.name, index]));
  const modelRank = new Map(
    task.config.models.map((model, index) => [model.name ?? model.ref, index]),
  );
  const rank = (ranks: Map<string, number>, name: string) => ranks.get(name) ?? ranks.size;
  return [...groups].sort(
    (a, b) =>
      rank(variantRank, a.variant) - rank(variantRank, b.variant) ||
      a.variant.localeCompare(b.variant) ||
      rank(modelRank, a.model) - rank(modelRank, b.model) ||
      a.model.localeCompare(b.model) ||
      a.samplingIndex - b.samplingIndex,
  );
}

async function matrix({ app, params }: ApiRequest): Promise<RunMatrix> {
  const run = requireRun(app, params.id as string);
  const groups = await orderGroups(app, app.queries.matrix(run.id));
  const unique = (values: string[]) => [...new Set(values)];
  const stored = groups.reduce((sum, group) => sum + group.trials, 0);
  return {
    run: runView(run, stored),
    variants: unique(groups.map((group) => group.variant)),
    models: unique(groups.map((group) => group.model)),
    groups,
  };
}

function cells({ app, params, url }: ApiRequest): Promise<CellPage> {
  const run = requireRun(app, params.id as string);
  const query = cellQuerySchema.parse(Object.fromEntries(url.searchParams));
  const grouped = query.variant !== undefined || query.model !== undefined;
  if (grouped && (query.variant === undefined || query.model === undefined)) {
    throw badRequest('filter by a group with variant, model and samplingIndex together');
  }
  const group: GroupRef | undefined = grouped
    ? {
        variant: query.variant as string,
        model: query.model as string,
        samplingIndex: query.samplingIndex ?? 0,
      }
    : undefined;
  return Promise.resolve(
    app.queries.page({
      runId: run.id,
      filter: query.filter,
      group,
      offset: query.offset,
      limit: query.limit,
    }),
  );
}

function cell({ app, params, url }: ApiRequest): Promise<CellDetail> {
  const run = requireRun(app, params.id as string);
  const key = url.searchParams.get('key');
  if (!key) throw badRequest('name the cell with ?key=');
  const variants = [...new Set(app.queries.matrix(run.id).map((group) => group.variant))];
  const detail = app.queries.detail(run.id, key, variants);
  if (!detail) throw notFound('cell');
  return Promise.resolve(detail);
}

/** Polls the store (another process may be writing the run) and streams each change. */
async function progress({ app, params, response }: ApiRequest): Promise<typeof streamed> {
  const id = params.id as string;
  requireRun(app, id);
  const stream = new EventStream(response);
  let last = '';
  while (stream.isOpen) {
    const run = app.store.getRun(id);
    if (!run) break;
    const totals = app.queries.totals(id);
    const event: RunProgressEvent = {
      type: 'progress',
      run: runView(run, totals.stored),
      passed: totals.passed,
      failed: totals.stored - totals.passed - totals.errors,
      errors: totals.errors,
    };
    const text = JSON.stringify(event);
    if (text !== last) stream.send(event);
    last = text;
    if (run.status !== 'running') break;
    await Promise.race([sleep(app.pollIntervalMs), stream.closed]);
  }
  stream.end();
  return streamed;
}

async function quality({ app, params, response }: ApiRequest): Promise<typeof streamed> {
  const run = requireRun(app, params.id as string);
  const task = await app.task.get().catch(() => undefined);
  const groups = app.queries.matrix(run.id);
  const stored = groups.reduce((sum, group) => sum + group.trials, 0);
  const stream = new EventStream(response);
  const send = (event: QualityEvent) => stream.send(event);
  try {
    await app.quality.measure(
      app.store,
      run.id,
      stored,
      await orderGroups(app, groups),
      {
        jsonOutputs: task?.config.output.kind === 'json',
        labelOutputs: task?.config.output.kind === 'label',
        isWanted: () => stream.isOpen,
      },
      (group, figures) =>
        send({
          type: 'group',
          group: { variant: group.variant, model: group.model, samplingIndex: group.samplingIndex },
          quality: figures,
        }),
    );
    send({ type: 'done' });
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
  stream.end();
  return streamed;
}

export const runRoutes: ApiRoute[] = [
  route('GET', '/api/runs', async ({ app }): Promise<RunList> => {
    const runs = app.store.listRuns().reverse();
    return { runs: runs.map((run) => runView(run, app.queries.totals(run.id).stored)) };
  }),
  route('GET', '/api/runs/:id/matrix', matrix),
  route('GET', '/api/runs/:id/cells', cells),
  route('GET', '/api/runs/:id/cell', cell),
  route('GET', '/api/runs/:id/events', progress),
  route('GET', '/api/runs/:id/quality', quality),
];
