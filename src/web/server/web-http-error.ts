import type { ApiProblem } from '../api-contract.js';

/** An error answered with its own status and a JSON body; anything else is a 500. */
export class WebHttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problems: ApiProblem[];
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { problems?: ApiProblem[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'WebHttpError';
    this.status = status;
    this.code = code;
    this.problems = options.problems ?? [];
    this.headers = options.headers ?? {};
  }
}

export const notFound = (what: string): WebHttpError =>
  new WebHttpError(404, 'not_found', `${what} not found`);

export const badRequest = (message: string, problems: ApiProblem[] = []): WebHttpError =>
  new WebHttpError(400, 'bad_request', message, { problems });
