import type { ApiRoute } from './api-route.js';
import { datasetRoutes } from './dataset-routes.js';
import { jobRoutes } from './job-routes.js';
import { limitsRoutes } from './limits-routes.js';
import { playgroundRoutes } from './playground-routes.js';
import { runRoutes } from './run-routes.js';
import { sessionRoutes } from './session-routes.js';

/** Every endpoint under /api/; the shapes are in ../api-contract.ts. */
export const apiRoutes: readonly ApiRoute[] = [
  ...sessionRoutes,
  ...runRoutes,
  ...limitsRoutes,
  ...datasetRoutes,
  ...playgroundRoutes,
  ...jobRoutes,
];
