import { useEffect, useState } from 'react';

export type PageName = 'playground' | 'runs' | 'limits' | 'datasets' | 'ready' | 'jobs';

export const pageNames: readonly PageName[] = [
  'playground',
  'runs',
  'limits',
  'datasets',
  'ready',
  'jobs',
];

export interface HashRoute {
  page: PageName;
  /** The rest of the path, e.g. a run id in `#/runs/ID`. */
  argument: string | null;
}

export function parseHash(hash: string): HashRoute {
  const [first, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const page = pageNames.find((name) => name === first) ?? 'runs';
  const argument = rest.length > 0 && rest[0] !== '' ? decodeURIComponent(rest.join('/')) : null;
  return { page, argument };
}

export function hrefOf(page: PageName, argument?: string): string {
  return `#/${page}${argument ? `/${encodeURIComponent(argument)}` : ''}`;
}

/** The page named by the address's hash; the app needs no server-side routes. */
export function useHashRoute(): HashRoute {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
