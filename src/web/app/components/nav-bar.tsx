import { hrefOf, type PageName } from '../lib/use-hash-route.js';

const labels: Record<PageName, string> = {
  playground: 'Playground',
  runs: 'Runs',
  limits: 'Limits',
  datasets: 'Dataset review',
  ready: 'Ready',
  jobs: 'Jobs',
};

export function NavBar({ current, taskName }: { current: PageName; taskName: string | null }) {
  return (
    <header className="nav-bar">
      <span className="brand">tunegate</span>
      {taskName && <span className="task-name">{taskName}</span>}
      <nav>
        {(Object.keys(labels) as PageName[]).map((page) => (
          <a
            key={page}
            href={hrefOf(page)}
            className={page === current ? 'active' : undefined}
            aria-current={page === current ? 'page' : undefined}
          >
            {labels[page]}
          </a>
        ))}
      </nav>
    </header>
  );
}
