import { loadCases, resolveDataPath } from '../../core/task/read-data-file.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { CaseList, SessionInfo } from '../api-contract.js';
import { type ApiRoute, route } from './api-route.js';
import { caseViews, problemsOf, taskOverview } from './task-views.js';

/** Cases listed at most; the playground picks a few. */
const listedCases = 2_000;

export const sessionRoutes: ApiRoute[] = [
  route('GET', '/api/session', async ({ app }): Promise<SessionInfo> => {
    const base = { version: app.version, storeFile: app.storeFile };
    try {
      const task = await app.task.get();
      return { ...base, task: taskOverview(task), taskProblems: [] };
    } catch (error) {
      if (!(error instanceof TunegateError)) throw error;
      return { ...base, task: null, taskProblems: problemsOf(error) };
    }
  }),

  route('GET', '/api/cases', async ({ app }): Promise<CaseList> => {
    const task = await app.task.get();
    const loaded = await loadCases(resolveDataPath(task, task.config.data.eval));
    if (loaded.problems.length > 0)
      throw TunegateError.fromProblems('INVALID_DATA', loaded.problems);
    return {
      total: loaded.cases.length,
      cases: caseViews(task, loaded.cases.slice(0, listedCases)),
    };
  }),
];
