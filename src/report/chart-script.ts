/**
 * The report's own drawing code, run in the browser after Chart.js. It reads the chart series
 * from the JSON data block, draws each chart without animation (so it is complete at load),
 * marks each drawn canvas, and never writes untrusted text as HTML.
 */
export const chartScript = `(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var drawn = 0;
  var colors = { blue: '#2563eb', orange: '#ea580c', green: '#16a34a', grey: '#6b7280', red: '#dc2626' };
  var pct = function (value) { return Math.round(value * 100) + '%'; };
  var money = function (value) { return value < 0.01 ? '$' + value.toPrecision(2) : '$' + value.toFixed(2); };
  function options(extra) {
    var base = {
      animation: false,
      responsive: true,
      maintainAspectRatio: true,
      aspectRatio: 2.2,
      plugins: { legend: { position: 'bottom' } }
    };
    for (var key in extra) base[key] = extra[key];
    return base;
  }
  function make(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    try {
      new Chart(canvas, config);
      canvas.setAttribute('data-drawn', 'true');
      drawn++;
    } catch (error) {
      var note = document.createElement('p');
      note.className = 'chart-error';
      note.textContent = 'This chart could not be drawn: ' + error.message;
      canvas.after(note);
    }
  }
  var labelOf = function (context) {
    var raw = context.raw || {};
    return (raw.label ? raw.label + ': ' : '') + pct(context.parsed.y);
  };

  var iterations = data.iterations;
  if (iterations.length > 0) {
    var last = iterations[iterations.length - 1].index;
    var sets = [
      { label: 'pass rate of each iteration', data: iterations.map(function (p) { return { x: p.index, y: p.passRate, label: p.label }; }),
        showLine: false, pointRadius: 3, borderColor: colors.grey, backgroundColor: colors.grey },
      { label: 'best so far', data: iterations.map(function (p) { return { x: p.index, y: p.bestSoFar }; }),
        stepped: true, borderWidth: 2, pointRadius: 0, borderColor: colors.blue, backgroundColor: colors.blue },
      { label: 'target', data: [{ x: 1, y: data.targetPassRate }, { x: last, y: data.targetPassRate }],
        borderDash: [6, 4], pointRadius: 0, borderColor: colors.red, backgroundColor: colors.red }
    ];
    if (data.plateau) {
      sets.push({ label: 'plateau: the window the rule looked at', data: [{ x: data.plateau.start, y: data.plateau.level }, { x: data.plateau.end, y: data.plateau.level }],
        borderWidth: 12, pointRadius: 0, borderColor: 'rgba(234, 88, 12, 0.35)', backgroundColor: 'rgba(234, 88, 12, 0.35)' });
    }
    make('chart-iterations', { type: 'line', data: { datasets: sets }, options: options({
      scales: { x: { type: 'linear', min: 1, max: Math.max(last, 2), title: { display: true, text: 'iteration' }, ticks: { precision: 0 } },
                y: { min: 0, max: 1, title: { display: true, text: 'pass rate' }, ticks: { callback: pct } } },
      plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: labelOf } } }
    }) });
  }

  var rates = data.passRates;
  if (rates.length > 0) {
    make('chart-pass-rates', { type: 'bar', data: {
      labels: rates.map(function (r) { return r.label; }),
      datasets: [
        { type: 'bar', label: '95% interval', data: rates.map(function (r) { return [r.lower, r.upper]; }),
          backgroundColor: 'rgba(37, 99, 235, 0.25)', borderColor: colors.blue, borderWidth: 1 },
        { type: 'line', label: 'pass rate', data: rates.map(function (r) { return r.passRate; }),
          showLine: false, pointRadius: 5, borderColor: colors.blue, backgroundColor: colors.blue },
        { type: 'line', label: 'target', data: rates.map(function () { return data.targetPassRate; }),
          borderDash: [6, 4], pointRadius: 0, borderColor: colors.red, backgroundColor: colors.red }
      ] }, options: options({ scales: { y: { min: 0, max: 1, ticks: { callback: pct } } } }) });
  }

  var points = data.tradeoff;
  if (points.length > 0) {
    var sets2 = [{ label: 'variant on model', data: points.map(function (p) { return { x: p.consistency, y: p.value, label: p.label }; }),
      pointRadius: 6, borderColor: colors.green, backgroundColor: colors.green }];
    if (data.diversityFloor !== null && data.tradeoffMeasure === 'diversity') {
      sets2.push({ type: 'line', label: 'diversity floor', data: [{ x: 0, y: data.diversityFloor }, { x: 1, y: data.diversityFloor }],
        borderDash: [6, 4], pointRadius: 0, borderColor: colors.red, backgroundColor: colors.red });
    }
    if (data.consistencyTarget !== null) {
      sets2.push({ type: 'line', label: 'consistency target', data: [{ x: data.consistencyTarget, y: 0 }, { x: data.consistencyTarget, y: 1 }],
        borderDash: [2, 3], pointRadius: 0, borderColor: colors.orange, backgroundColor: colors.orange });
    }
    make('chart-tradeoff', { type: 'scatter', data: { datasets: sets2 }, options: options({
      scales: { x: { min: 0, max: 1, title: { display: true, text: 'consistency (agreement across repeats)' }, ticks: { callback: pct } },
                y: { min: 0, max: 1, title: { display: true, text: data.tradeoffMeasure === 'diversity' ? 'diversity (distinct-2 across inputs)' : 'answer spread across inputs (diversity n/a)' } } },
      plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: function (c) { return (c.raw.label || '') + ': ' + pct(c.parsed.x) + ', ' + c.parsed.y.toFixed(3); } } } }
    }) });
  }

  var cost = data.cost;
  if (cost) {
    var sets3 = [
      { label: cost.promptLabel, data: cost.points.map(function (p) { return { x: p.monthlyCalls, y: p.promptPer1000 }; }),
        pointRadius: 0, borderWidth: 2, borderColor: colors.blue, backgroundColor: colors.blue },
      { label: cost.finetunedLabel, data: cost.points.map(function (p) { return { x: p.monthlyCalls, y: p.finetunedPer1000 }; }),
        pointRadius: 0, borderWidth: 2, borderColor: colors.orange, backgroundColor: colors.orange }
    ];
    if (cost.breakEven) {
      sets3.push({ type: 'scatter', label: 'break-even: ' + Math.round(cost.breakEven.monthlyCalls).toLocaleString('en-US') + ' calls a month',
        data: [{ x: cost.breakEven.monthlyCalls, y: cost.breakEven.per1000 }], pointRadius: 7, pointStyle: 'rectRot',
        borderColor: colors.red, backgroundColor: colors.red });
    }
    var positive = cost.points.every(function (p) { return p.promptPer1000 > 0 && p.finetunedPer1000 > 0; });
    make('chart-cost', { type: 'line', data: { datasets: sets3 }, options: options({
      scales: { x: { type: 'logarithmic', title: { display: true, text: 'calls a month' } },
                y: { type: positive ? 'logarithmic' : 'linear', title: { display: true, text: 'US$ per 1,000 calls' }, ticks: { callback: function (v) { return money(Number(v)); } } } }
    }) });
  }
  var comparison = data.comparison;
  if (comparison && comparison.arms.length > 0) {
    var armColors = { finetuned: colors.orange, 'best-prompt': colors.blue, base: colors.grey };
    make('chart-comparison', { type: 'bar', data: {
      labels: comparison.arms.map(function (a) { return a.label; }),
      datasets: [
        { type: 'bar', label: '95% interval', data: comparison.arms.map(function (a) { return [a.lower, a.upper]; }),
          backgroundColor: comparison.arms.map(function (a) { return (armColors[a.role] || colors.grey) + '55'; }),
          borderColor: comparison.arms.map(function (a) { return armColors[a.role] || colors.grey; }), borderWidth: 1 },
        { type: 'line', label: 'pass rate', data: comparison.arms.map(function (a) { return a.passRate; }),
          showLine: false, pointRadius: 6, borderColor: colors.orange, backgroundColor: colors.orange },
        { type: 'line', label: 'target', data: comparison.arms.map(function () { return data.targetPassRate; }),
          borderDash: [6, 4], pointRadius: 0, borderColor: colors.red, backgroundColor: colors.red }
      ] }, options: options({ scales: { y: { min: 0, max: 1, ticks: { callback: pct } } } }) });
  }

  var sweep = data.sweep;
  if (sweep && sweep.points.length > 0) {
    make('chart-sweep', { type: 'scatter', data: { datasets: [
      { label: 'sampling setting', data: sweep.points.map(function (p) { return { x: p.value, y: p.passRate, label: p.label }; }),
        pointRadius: 6, borderColor: colors.orange, backgroundColor: colors.orange },
      { label: 'target', type: 'line', data: [{ x: 0, y: data.targetPassRate }, { x: 1, y: data.targetPassRate }],
        borderDash: [6, 4], pointRadius: 0, borderColor: colors.red, backgroundColor: colors.red }
    ] }, options: options({
      scales: { x: { min: 0, max: 1, title: { display: true, text: sweep.measure === 'agreement' ? 'agreement across repeats (diversity n/a for short answers)' : 'diversity (distinct-2 within inputs)' } },
                y: { min: 0, max: 1, title: { display: true, text: 'pass rate' }, ticks: { callback: pct } } },
      plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: function (c) { return (c.raw.label || '') + ': ' + pct(c.parsed.y) + ', ' + c.parsed.x.toFixed(3); } } } }
    }) });
  }

  document.body.setAttribute('data-charts-drawn', String(drawn));
})();
`;
