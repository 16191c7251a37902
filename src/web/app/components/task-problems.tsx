import type { SessionInfo } from '../../api-contract.js';

/** Why the task could not be loaded, line by line; pages that need it wait for a fix. */
export function TaskProblems({ session }: { session: SessionInfo }) {
  return (
    <div className="error-box" role="alert">
      <p>The task file could not be loaded; fix it and reload this page.</p>
      <ul>
        {session.taskProblems.map((problem) => (
          <li key={`${problem.line ?? ''}:${problem.code}:${problem.message}`}>
            {problem.file ? `${problem.file}${problem.line ? `:${problem.line}` : ''}: ` : ''}
            {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
