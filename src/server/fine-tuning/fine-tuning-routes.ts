import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { PageRequest } from '../../store/server-fine-tuning-records.js';
import type { ExtraRoutes, RouteRequest } from '../extra-routes.js';
import { invalidRequest, OpenAIHttpError } from '../openai-http-error.js';
import { readJsonBody } from '../read-json-body.js';
import {
  checkpointList,
  eventList,
  fileList,
  fileObject,
  jobList,
  jobObject,
} from './fine-tuning-response-bodies.js';
import type { FineTuningService } from './fine-tuning-service.js';
import {
  MultipartFormError,
  multipartBoundary,
  readMultipartForm,
} from './multipart-form-reader.js';

export interface FineTuningRoutesOptions {
  /** Largest upload accepted (default 512 MiB, OpenAI's limit for a fine-tuning file). */
  uploadLimitBytes?: number;
}

/** Handlers by lowercase HTTP method. */
type Handler = (route: RouteRequest, id: string) => Promise<void> | void;

/**
 * The files and fine-tuning endpoints of OpenAI's API over a FineTuningService:
 *
 *     POST /v1/files                      GET /v1/files, /v1/files/{id}, /v1/files/{id}/content
 *     DELETE /v1/files/{id}
 *     POST /v1/fine_tuning/jobs           GET /v1/fine_tuning/jobs, /v1/fine_tuning/jobs/{id}
 *     POST /v1/fine_tuning/jobs/{id}/cancel
 *     GET /v1/fine_tuning/jobs/{id}/events, /v1/fine_tuning/jobs/{id}/checkpoints
 */
export function createFineTuningRoutes(
  service: FineTuningService,
  options: FineTuningRoutesOptions = {},
): ExtraRoutes {
  const uploadLimit = options.uploadLimitBytes ?? 512 * 1024 * 1024;
  const table: { pattern: RegExp; methods: Record<string, Handler> }[] = [
    {
      pattern: /^\/v1\/files$/,
      methods: {
        get: ({ query, sendJson }) => {
          const purpose = query.get('purpose') ?? undefined;
          const order: 'asc' | 'desc' = query.get('order') === 'asc' ? 'asc' : 'desc';
          const page = {
            ...pageRequest(query, 10_000, 10_000),
            order,
            ...(purpose ? { purpose } : {}),
          };
          sendJson(200, fileList(service.listFiles(page)));
        },
        post: async (route) => route.sendJson(200, fileObject(await upload(route))),
      },
    },
    {
      pattern: /^\/v1\/files\/([^/]+)$/,
      methods: {
        get: ({ sendJson }, id) => sendJson(200, fileObject(service.getFile(id))),
        delete: async ({ sendJson }, id) => {
          await service.deleteFile(id);
          sendJson(200, { id, object: 'file', deleted: true });
        },
      },
    },
    {
      pattern: /^\/v1\/files\/([^/]+)\/content$/,
      methods: {
        get: async ({ response }, id) => {
          const file = service.getFile(id);
          response.writeHead(200, {
            'content-type': file.format === 'csv' ? 'text/csv' : 'application/octet-stream',
            'content-length': String(file.bytes),
          });
          await pipeline(createReadStream(file.path), response);
        },
      },
    },
    {
      pattern: /^\/v1\/fine_tuning\/jobs$/,
      methods: {
        get: ({ query, sendJson }) => sendJson(200, jobList(service.listJobs(pageRequest(query)))),
        post: async ({ request, sendJson }) => {
          const body = await readJsonBody(request, 1024 * 1024);
          sendJson(200, jobObject(await service.createJob(body)));
        },
      },
    },
    {
      pattern: /^\/v1\/fine_tuning\/jobs\/([^/]+)$/,
      methods: { get: ({ sendJson }, id) => sendJson(200, jobObject(service.getJob(id))) },
    },
    {
      pattern: /^\/v1\/fine_tuning\/jobs\/([^/]+)\/cancel$/,
      methods: {
        post: async ({ sendJson }, id) => sendJson(200, jobObject(await service.cancelJob(id))),
      },
    },
    {
      pattern: /^\/v1\/fine_tuning\/jobs\/([^/]+)\/events$/,
      methods: {
        get: ({ query, sendJson }, id) =>
          sendJson(200, eventList(service.listEvents(id, pageRequest(query)))),
      },
    },
    {
      pattern: /^\/v1\/fine_tuning\/jobs\/([^/]+)\/checkpoints$/,
      methods: {
        get: ({ query, sendJson }, id) =>
          sendJson(200, checkpointList(service.listCheckpoints(id, pageRequest(query, 100, 10)))),
      },
    },
  ];

  async function upload(route: RouteRequest) {
    const boundary = multipartBoundary(route.request.headers['content-type']);
    if (boundary === undefined) {
      throw invalidRequest(
        'Upload the file as multipart/form-data with the fields file and purpose.',
      );
    }
    let form: Awaited<ReturnType<typeof readMultipartForm>>;
    try {
      form = await readMultipartForm(route.request, boundary, {
        directory: service.uploadDirectory(),
        limitBytes: uploadLimit,
      });
    } catch (error) {
      if (!(error instanceof MultipartFormError)) throw error;
      throw error.tooLarge
        ? new OpenAIHttpError(413, error.message, {
            code: 'request_too_large',
            headers: { connection: 'close' },
          })
        : invalidRequest(error.message);
    }
    const [file, ...others] = form.files;
    await Promise.all(others.map((other) => rm(other.path, { force: true })));
    const purpose = form.fields.get('purpose');
    if (file === undefined || file.field !== 'file') {
      if (file !== undefined) await rm(file.path, { force: true });
      throw invalidRequest("The form has no file: send it in the field 'file'.", 'file');
    }
    if (purpose === undefined) {
      await rm(file.path, { force: true });
      throw invalidRequest(
        "The form has no purpose: send 'fine-tune' in the field 'purpose'.",
        'purpose',
      );
    }
    return service.uploadFile(file, purpose);
  }

  return {
    async handle(route) {
      if (!route.path.startsWith('/v1/files') && !route.path.startsWith('/v1/fine_tuning/')) {
        return false;
      }
      for (const entry of table) {
        const match = entry.pattern.exec(route.path);
        if (match === null) continue;
        const handler = entry.methods[route.method.toLowerCase()];
        if (handler === undefined) {
          const allowed = Object.keys(entry.methods)
            .map((method) => method.toUpperCase())
            .join(', ');
          throw new OpenAIHttpError(
            405,
            `Method ${route.method} is not allowed on ${route.path}; use ${allowed}.`,
            {
              code: 'method_not_allowed',
              headers: { allow: allowed },
            },
          );
        }
        await handler(route, decodeId(match[1]));
        return true;
      }
      return false;
    },
    close: () => service.close(),
  };
}

/** `limit` (1 to `maximum`, default `fallback`) and `after` from the query string. */
function pageRequest(query: URLSearchParams, maximum = 100, fallback = 20): PageRequest {
  const text = query.get('limit');
  const limit = text === null ? fallback : Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > maximum) {
    throw invalidRequest(`limit must be a whole number from 1 to ${maximum}.`, 'limit');
  }
  const after = query.get('after');
  return { limit, ...(after === null || after === '' ? {} : { after }) };
}

function decodeId(encoded: string | undefined): string {
  try {
    return decodeURIComponent(encoded ?? '');
  } catch {
    throw invalidRequest('The id in the URL is not valid percent-encoding.');
  }
}
