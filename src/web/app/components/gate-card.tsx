import type { GateView } from '../../api-contract.js';

export function GateCard({ gate }: { gate: GateView }) {
  return (
    <article className={`gate-card ${gate.pass ? 'pass' : 'fail'}`} data-testid="gate-card">
      <h3>
        <span className="gate-mark">{gate.pass ? '✓' : '✗'}</span> Gate {gate.number}: {gate.title}
      </h3>
      <p>{gate.summary}</p>
      {gate.evidence.length > 0 && (
        <ul className="evidence">
          {gate.evidence.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {gate.next.length > 0 && (
        <>
          <h4>Next</h4>
          <ul>
            {gate.next.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
