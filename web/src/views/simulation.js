// The simulation: a scenario run from its own values, its measures grouped with plain names (rows
// that are zero in every run folded away), the paired differences against the baseline, the
// calibration used, and a chart of the headline measures across Sino-Russian coordination.

import { $, api, h, panel, state, setParam, fmt, dataTable, tools, behind, announce, s } from '../core.js';
import { lineChart } from '../chart.js';

let runP, sweepP, scenarios = [];

export function init(root) {
  const form = h('form', { id: 'sim-form', 'data-testid': 'sim-form' },
    h('label', {}, 'Scenario', h('select', { name: 'scenario', 'data-testid': 'sim-scenario' })),
    h('label', {}, 'Coordination ρ', h('input', { name: 'coordination', type: 'number', min: 0, max: 1, step: 0.05, required: true })),
    h('label', {}, 'Runs', h('input', { name: 'runs', type: 'number', min: 10, max: 2500, step: 10, required: true })),
    h('label', {}, 'Seed', h('input', { name: 'seed', type: 'number', min: 0, step: 1, required: true })),
    h('button', { type: 'submit', 'data-testid': 'sim-run' }, 'Run'));
  const a = h('section', { class: 'panel', 'aria-labelledby': 'sim-h' },
    h('h2', { id: 'sim-h', class: 'panel-title', text: 'Simulate a scenario' }),
    h('p', { class: 'lede', id: 'sim-about' }), form, h('div', { id: 'sim-results', 'data-testid': 'sim-results', 'aria-live': 'polite' }));
  const b = h('section', { class: 'panel', 'aria-labelledby': 'sweep-h' },
    h('h2', { id: 'sweep-h', class: 'panel-title', text: 'Across Sino-Russian coordination' }),
    h('p', { class: 'lede', text: 'The same scenario at five levels of coordination ρ, on common random numbers; the bands are 95% confidence intervals of the means.' }),
    h('div', { id: 'sweep' }));
  root.append(a, b);
  runP = panel(a);
  sweepP = panel(b);
  form.addEventListener('submit', (ev) => { ev.preventDefault(); run(); });
  form.scenario.addEventListener('change', () => { setParam('scenario', form.scenario.value); ownValues(); });
}

function ownValues() {
  const f = $('#sim-form');
  const sc = scenarios.find((x) => x.name === f.scenario.value);
  if (!sc) return;
  f.coordination.value = sc.coordination;
  f.seed.value = sc.seed;
  f.runs.value = Math.min(sc.runs, 500);
  $('#sim-about').textContent = `${sc.title}. Its own values: ρ = ${sc.coordination}, seed ${sc.seed}, ${sc.runs.toLocaleString('en')} runs (the form starts at 500 runs; this server runs at most 2,500 per scenario when compared with the baseline).`;
}

export async function render() {
  if (scenarios.length) return;
  await runP.load(async (signal) => {
    scenarios = await api('/api/scenarios', { signal });
    const sel = $('#sim-form').scenario;
    sel.replaceChildren(...scenarios.map((x) => h('option', { value: x.name }, x.name.replaceAll('-', ' '))));
    sel.value = state.params.get('scenario') || 'baseline';
    ownValues();
  }, 'Loading the scenarios');
}

function run() {
  const f = $('#sim-form');
  const q = new URLSearchParams({ scenario: f.scenario.value, runs: f.runs.value, coordination: f.coordination.value, seed: f.seed.value });
  const out = $('#sim-results');
  out.replaceChildren();
  runP.load(async (signal) => {
    const r = await api(`/api/simulate?${q}`, { signal });
    out.replaceChildren(...results(r));
    announce(`Simulation done: ${r.runs} runs of ${r.scenario}`);
  }, 'Running');
  sweepP.load(async (signal) => {
    const runs = Math.max(20, Math.min(200, Math.round(Number(f.runs.value) / 5)));
    const sw = await api(`/api/coordination?scenario=${f.scenario.value}&runs=${runs}&seed=${f.seed.value}`, { signal });
    $('#sweep').replaceChildren(lineChart({
      title: `${sw.scenario}: headline measures across coordination ρ (${sw.runs} runs each)`, xLabel: 'Coordination ρ', testid: 'sim-chart', name: `coordination-${sw.scenario}`,
      series: sw.measures.map((m, i) => ({ name: m.label, points: sw.points.map((p) => [p.coordination, p.values[i].mean, p.values[i].lo, p.values[i].hi]) })),
      source: `Seed ${sw.seed}; docs/model.md.`,
    }));
  }, 'Running five levels of coordination');
}

function results(r) {
  const kids = [];
  const cal = r.calibration;
  kids.push(h('p', { class: 'calibration', 'data-testid': 'sim-calibration' },
    `${r.scenario}: ${r.runs} runs, seed ${r.seed}, ρ = ${r.coordination}${r.coordination !== r.scenario_coordination ? ` (the scenario's own: ${r.scenario_coordination})` : ''}; ${r.elapsed_ms} ms. Calibration: ${cal.used === 'Data' ? `from the data directory (SIPRI milex, COW NMC), ${cal.year}` : `the scenario's built-in figures, ${cal.year}`}.`,
    cal.notes.length ? ` ${cal.notes.join(' ')}` : ''));
  if (r.versus_baseline.length) {
    const shown = r.versus_baseline.filter((d) => d.baseline !== 0 || d.scenario !== 0);
    const rows = shown.map((d) => ({ ...d, measure_shown: `${d.label} (${d.group})`, measure: `${d.group} ${d.label}`, ci: d.lo, ci_shown: `${fmt(d.lo, 3)} to ${fmt(d.hi, 3)}`, verdict: d.important ? 'important' : d.significant ? 'below the minimum important difference' : 'not significant' }));
    rows.sort((a, b) => (b.important - a.important) || Math.abs(b.diff) - Math.abs(a.diff));
    const imp = rows.filter((d) => d.important);
    kids.push(h('h3', { text: `${r.scenario} against the baseline (paired differences, same runs and seed)` }));
    if (imp.length) kids.push(diffChart(imp.slice(0, 12)));
    else kids.push(h('p', { text: 'No difference reaches its minimum important difference.' }));
    const table = dataTable([['measure', 'Measure'], ['baseline', 'Baseline', true], ['scenario', 'Scenario', true], ['diff', 'Difference', true], ['ci', '95% interval', true], ['verdict', 'Verdict']], rows, { testid: 'sim-compare', caption: 'Scenario minus baseline: mean paired difference, its 95% confidence interval, and whether it reaches the minimum important difference (docs/sensitivity.md).' });
    kids.push(tools(`compare-${r.scenario}`, { table, svg: () => $('[data-testid=sim-diff-chart]') }), behind(table, `All ${rows.length} differences`));
  }
  // Measures by group; rows zero in every run folded away.
  const groups = new Map();
  for (const m of r.summary) { if (!groups.has(m.group)) groups.set(m.group, []); groups.get(m.group).push(m); }
  kids.push(h('h3', { text: 'Every measure, by group' }));
  const all = [];
  for (const [g, ms] of groups) {
    const live = ms.filter((m) => !m.all_zero);
    const zero = ms.length - live.length;
    const rows = live.map((m) => ({ measure: m.label, about: m.about, mean: m.mean, ci: m.lo, ci_shown: `${fmt(m.lo, 3)} to ${fmt(m.hi, 3)}`, spread: m.p2_5, spread_shown: `${fmt(m.p2_5, 3)} to ${fmt(m.p97_5, 3)}` }));
    all.push(...rows.map((x) => ({ group: g, ...x })));
    const table = dataTable([['measure', 'Measure'], ['mean', 'Mean', true], ['ci', '95% CI of the mean', true], ['spread', '95% of runs', true], ['about', 'Meaning']], rows, { testid: 'sim-table' });
    kids.push(h('details', { class: 'group', open: g === 'Whole system' || null }, h('summary', {}, `${g} (${live.length} measures${zero ? `; ${zero} zero in every run, folded away` : ''})`), h('div', { class: 'scroll' }, table)));
  }
  kids.push(tools(`simulation-${r.scenario}`, { table: () => dataTable([['group', 'Group'], ['measure', 'Measure'], ['mean', 'Mean', true], ['ci', 'CI'], ['spread', '95% of runs']], all) }));
  return kids;
}

function diffChart(rows) {
  const w = 680, rowH = 26, L = 300, R = 20, T = 24;
  const hh = T + rows.length * rowH + 30;
  const svg = s('svg', { viewBox: `0 0 ${w} ${hh}`, class: 'chart', role: 'img', 'aria-label': 'Important paired differences, scenario minus baseline, with 95% intervals (the table below lists them all)', 'data-testid': 'sim-diff-chart' });
  const lo = Math.min(0, ...rows.map((d) => d.lo)), hi = Math.max(0, ...rows.map((d) => d.hi));
  const X = (v) => L + ((v - lo) / Math.max(hi - lo, 1e-9)) * (w - L - R);
  s('line', { x1: X(0), x2: X(0), y1: T - 6, y2: hh - 24, class: 'axis' }, svg);
  const t0 = s('text', { x: X(0), y: T - 10, 'text-anchor': 'middle', class: 'tick' }, svg); t0.textContent = '0';
  rows.forEach((d, i) => {
    const y = T + i * rowH + rowH / 2;
    const lab = s('text', { x: L - 8, y: y + 4, 'text-anchor': 'end', class: 'tick' }, svg);
    lab.textContent = `${d.label} (${d.group})`.slice(0, 46);
    s('line', { x1: X(d.lo), x2: X(d.hi), y1: y, y2: y, class: 'whisker', style: `stroke: var(--series-${d.diff > 0 ? 1 : 0})` }, svg);
    s('circle', { cx: X(d.diff), cy: y, r: 4, style: `fill: var(--series-${d.diff > 0 ? 1 : 0})` }, svg);
    const v = s('text', { x: X(d.hi) + 4, y: y + 4, class: 'tick' }, svg); v.textContent = `${d.diff > 0 ? '+' : ''}${fmt(d.diff, 3)}`;
  });
  const lt = s('text', { x: L, y: hh - 6, class: 'tick' }, svg); lt.textContent = fmt(lo, 2);
  const rt = s('text', { x: w - R, y: hh - 6, 'text-anchor': 'end', class: 'tick' }, svg); rt.textContent = fmt(hi, 2);
  return h('figure', { class: 'chart-figure' }, svg, h('figcaption', { class: 'source', text: 'Important differences only (significant and at least the minimum important difference); the dot is the mean paired difference, the line its 95% interval.' }));
}
