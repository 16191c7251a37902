import type { DatasetList, DatasetReview, DatasetSaveResult } from '../api-contract.js';
import { type ApiRoute, route } from './api-route.js';
import { listDatasetFiles, resolveDatasetPath } from './dataset-files.js';
import { loadDatasetReview } from './dataset-review-loader.js';
import { saveDatasetReview } from './dataset-review-saver.js';
import { readJsonBody } from './read-json-body.js';
import { datasetSaveSchema } from './request-schemas.js';
import { badRequest } from './web-http-error.js';

/** A review of 20,000 edited rows fits; anything larger is not a review. */
const saveBodyLimit = 64 * 1024 * 1024;

export const datasetRoutes: ApiRoute[] = [
  route('GET', '/api/datasets', async ({ app }): Promise<DatasetList> => {
    const task = await app.task.get();
    return { files: await listDatasetFiles(task) };
  }),

  route('GET', '/api/datasets/review', async ({ app, url }): Promise<DatasetReview> => {
    const task = await app.task.get();
    const path = url.searchParams.get('file');
    if (!path) throw badRequest('name the dataset with ?file=');
    return loadDatasetReview(task, resolveDatasetPath(task, path));
  }),

  route('POST', '/api/datasets/review', async ({ app, request }): Promise<DatasetSaveResult> => {
    const body = datasetSaveSchema.parse(await readJsonBody(request, saveBodyLimit));
    const task = await app.task.get();
    return saveDatasetReview({
      task,
      file: resolveDatasetPath(task, body.file),
      version: body.version,
      decisions: body.decisions,
      reviewer: app.reviewer,
      now: () => new Date(),
    });
  }),
];
