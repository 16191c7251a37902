import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'react';
import { chartLibrary } from '../charts/chart-setup.js';
import type { DrawableChart } from '../charts/drawable-chart.js';

/**
 * Draws one Chart.js chart, redrawn when its configuration changes. Text in it (labels,
 * tooltips) is painted on a canvas, never parsed as HTML.
 */
export function ChartCanvas({ chart, label }: { chart: DrawableChart; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const Chart = chartLibrary();
    const drawn = new Chart(element, chart.configuration as ChartConfiguration);
    element.dataset.drawn = 'true';
    return () => drawn.destroy();
  }, [chart]);
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
