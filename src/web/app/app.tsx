import { lazy, Suspense } from 'react';
import type { SessionInfo } from '../api-contract.js';
import { ErrorBox } from './components/error-box.js';
import { NavBar } from './components/nav-bar.js';
import { TaskProblems } from './components/task-problems.js';
import { useApi } from './lib/use-api.js';
import { useHashRoute } from './lib/use-hash-route.js';
import { RunsPage } from './pages/runs-page.js';

// Pages with charts load Chart.js; the Runs page, the one large runs open on, does not wait for it.
const PlaygroundPage = lazy(() =>
  import('./pages/playground-page.js').then((module) => ({ default: module.PlaygroundPage })),
);
const LimitsPage = lazy(() =>
  import('./pages/limits-page.js').then((module) => ({ default: module.LimitsPage })),
);
const DatasetPage = lazy(() =>
  import('./pages/dataset-page.js').then((module) => ({ default: module.DatasetPage })),
);
const ReadyPage = lazy(() =>
  import('./pages/ready-page.js').then((module) => ({ default: module.ReadyPage })),
);
const JobsPage = lazy(() =>
  import('./pages/jobs-page.js').then((module) => ({ default: module.JobsPage })),
);

export function App({ hasToken }: { hasToken: boolean }) {
  const route = useHashRoute();
  const session = useApi<SessionInfo>(hasToken ? '/api/session' : null);
  if (!hasToken) {
    return (
      <main className="page">
        <h1>tunegate</h1>
        <p>
          Open the address that <code>tunegate ui</code> printed: it carries this session's token.
        </p>
      </main>
    );
  }
  const task = session.data?.task ?? null;
  const needsTask = route.page !== 'runs' && route.page !== 'jobs';
  return (
    <>
      <NavBar current={route.page} taskName={task?.name ?? null} />
      <main className="page">
        {session.error && <ErrorBox error={session.error} />}
        {session.data && !task && <TaskProblems session={session.data} />}
        {route.page === 'runs' && <RunsPage runId={route.argument} task={task} />}
        <Suspense fallback={<p className="muted">loading the page…</p>}>
          {route.page === 'jobs' && <JobsPage jobId={route.argument} />}
          {needsTask && task && route.page === 'playground' && (
            <PlaygroundPage task={task} onTaskChanged={session.reload} />
          )}
          {needsTask && task && route.page === 'limits' && <LimitsPage />}
          {needsTask && task && route.page === 'datasets' && <DatasetPage file={route.argument} />}
          {needsTask && task && route.page === 'ready' && <ReadyPage />}
        </Suspense>
      </main>
    </>
  );
}
