import { appendVariants } from '../../core/prompt-lab/append-variants.js';
import { loadCases, resolveDataPath } from '../../core/task/read-data-file.js';
import type { PlaygroundEvent, PlaygroundStarted, SaveVariantResult } from '../api-contract.js';
import { type ApiRoute, route, streamed } from './api-route.js';
import { EventStream } from './event-stream.js';
import { toVariantConfig } from './playground-variant.js';
import { readJsonBody } from './read-json-body.js';
import { playgroundStartSchema, saveVariantSchema } from './request-schemas.js';
import { badRequest, notFound, WebHttpError } from './web-http-error.js';

const bodyLimit = 1024 * 1024;
const modelReference = /^[a-z][a-z0-9-]*:.+$/;

export const playgroundRoutes: ApiRoute[] = [
  route('POST', '/api/playground', async ({ app, request }): Promise<PlaygroundStarted> => {
    const body = playgroundStartSchema.parse(await readJsonBody(request, bodyLimit));
    const task = await app.task.get();
    // Mistakes are answered now, as a 400, rather than as an error event later.
    const known = new Set(
      task.config.models.flatMap((model) => [model.name ?? model.ref, model.ref]),
    );
    for (const model of body.models) {
      if (!known.has(model) && !modelReference.test(model)) {
        throw badRequest(
          `unknown model "${model}": use a model of the task or a provider:model reference`,
        );
      }
    }
    const { cases } = await loadCases(resolveDataPath(task, task.config.data.eval));
    const ids = new Set(cases.map((evalCase) => evalCase.id));
    const missing = body.caseIds.find((id) => !ids.has(id));
    if (missing !== undefined) throw badRequest(`no eval case "${missing}" in the task`);
    const variants = body.variants.map((variant) => toVariantConfig(variant, task));
    const sampling = {
      ...(body.temperature === undefined ? {} : { temperature: body.temperature }),
      ...(body.maxTokens === undefined ? {} : { maxTokens: body.maxTokens }),
    };
    const id = app.playground.start(
      task,
      { variants, models: body.models, caseIds: body.caseIds, repeats: body.repeats, sampling },
      { store: app.store, env: app.env },
    );
    return {
      id,
      totalCells: variants.length * body.models.length * body.caseIds.length * body.repeats,
    };
  }),

  route('GET', '/api/playground/:id/events', async ({ app, params, response }) => {
    const stream = new EventStream(response);
    let finish: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const subscription = app.playground.subscribe(params.id as string, (event: PlaygroundEvent) => {
      stream.send(event);
      if (event.type === 'done' || event.type === 'error') finish();
    });
    if (!subscription) {
      stream.send({ type: 'error', message: 'no such playground run' } satisfies PlaygroundEvent);
      stream.end();
      return streamed;
    }
    if (!subscription.finished) await Promise.race([ended, stream.closed]);
    subscription.unsubscribe();
    stream.end();
    return streamed;
  }),

  route('POST', '/api/playground/:id/cancel', async ({ app, params }) => {
    if (!app.playground.cancel(params.id as string)) throw notFound('playground run');
    return { cancelled: true };
  }),

  route('POST', '/api/variants', async ({ app, request }): Promise<SaveVariantResult> => {
    const body = saveVariantSchema.parse(await readJsonBody(request, bodyLimit));
    const task = await app.task.get();
    if (task.config.variants.some((variant) => variant.name === body.variant.name)) {
      throw new WebHttpError(
        409,
        'conflict',
        `the task already has a variant "${body.variant.name}"`,
      );
    }
    const variant = toVariantConfig(body.variant, task);
    await appendVariants(task.file, [
      { variant, comment: 'saved from the tunegate ui playground' },
    ]);
    return { saved: variant.name, file: task.file };
  }),
];
