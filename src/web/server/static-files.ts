import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { baseHeaders } from './http-response.js';
import { notFound } from './web-http-error.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * The app runs only its own bundled scripts: no inline script, no eval, no remote origin. Model
 * outputs are rendered as text by React; this policy is the second line of defence.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves the built app from `directory`; `/` (and any path without a file) is index.html. */
export async function serveStaticFile(
  response: ServerResponse,
  directory: string,
  pathname: string,
  extraHeaders: Record<string, string>,
): Promise<void> {
  const relative = pathname === '/' || extname(pathname) === '' ? 'index.html' : pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    throw notFound('file');
  }
  const file = normalize(join(directory, decoded));
  if (!file.startsWith(normalize(directory) + sep)) throw notFound('file');
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    if (relative === 'index.html') {
      throw notFound(`the built web app (${file}); run npm run build`);
    }
    throw notFound('file');
  }
  const body = await readFile(file);
  const type = contentTypes[extname(file)] ?? 'application/octet-stream';
  const html = type.startsWith('text/html');
  response.writeHead(200, {
    ...baseHeaders,
    'content-type': type,
    'content-length': String(body.length),
    ...(html ? { 'content-security-policy': contentSecurityPolicy, ...extraHeaders } : {}),
  });
  response.end(body);
}
