import { ApiError } from '../lib/api-client.js';

/** An error in plain words, with the problems (file, line) the server listed. */
export function ErrorBox({ error }: { error: Error }) {
  const problems = error instanceof ApiError ? (error.body?.error.problems ?? []) : [];
  return (
    <div className="error-box" role="alert">
      <p>{error.message}</p>
      {problems.length > 1 && (
        <ul>
          {problems.map((problem) => (
            <li key={`${problem.file ?? ''}:${problem.line ?? ''}:${problem.message}`}>
              {problem.file ? `${problem.file}${problem.line ? `:${problem.line}` : ''}: ` : ''}
              {problem.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
