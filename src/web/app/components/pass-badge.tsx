/** Pass, fail or error, in words as well as colour. */
export function PassBadge({ passed, status }: { passed: boolean | null; status: 'ok' | 'error' }) {
  if (status === 'error') return <span className="badge badge-error">error</span>;
  return passed ? (
    <span className="badge badge-pass">pass</span>
  ) : (
    <span className="badge badge-fail">fail</span>
  );
}
