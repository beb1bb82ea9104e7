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
      source: `Seed ${sw.seed}; docs/model.md.`, within: $('#sweep'),
    }));
  }, 'Running five levels of coordination');
}

function results(r) {
  const kids = [];
  const cal = r.calibration;
  kids.push(h('div', { class: 'calibration', 'data-testid': 'sim-calibration' },
    `${r.scenario}: ${r.runs} runs, seed ${r.seed}, ρ = ${r.coordination}${r.coordination !== r.scenario_coordination ? ` (the scenario's own: ${r.scenario_coordination})` : ''}; ${r.elapsed_ms} ms. Calibration: ${cal.used === 'Data' ? `from the data directory (SIPRI milex, COW NMC), ${cal.year}` : `the scenario's built-in figures, ${cal.year}`}.`,
    cal.notes.length ? h('ul', {}, cal.notes.map((n) => h('li', { text: n }))) : null));
  if (r.versus_baseline.length) {
    const shown = r.versus_baseline.filter((d) => d.baseline !== 0 || d.scenario !== 0);
    const rows = shown.map((d) => ({ ...d, measure_shown: `${d.label} (${d.group})`, measure: `${d.group} ${d.label}`, ci: d.lo, ci_shown: `${fmt(d.lo, 3)} to ${fmt(d.hi, 3)}`, verdict: d.important ? 'important' : d.significant ? 'below the minimum important difference' : 'not significant' }));
    rows.sort((a, b) => (b.important - a.important) || Math.abs(b.diff) - Math.abs(a.diff));
    const imp = rows.filter((d) => d.important);
    kids.push(h('h3', { text: `${r.scenario} against the baseline (paired differences, same runs and seed)` }));
    if (imp.length) kids.push(diffChart(imp));
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
  // Each measure in its own units: the common axis is the difference over the measure's minimum
  // important difference (1 = just important), so unlike measures compare fairly.
  rows = rows.filter((d) => d.mid > 0).map((d) => ({ ...d, z: d.diff / d.mid, zlo: d.lo / d.mid, zhi: d.hi / d.mid }))
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, 14);
  if (!rows.length) return h('p', { text: 'The important differences have no stated minimum important difference to scale them by; see the table.' });
  const w = 680, rowH = 24, L = 290, R = 70, T = 26;
  const hh = T + rows.length * rowH + 34;
  const svg = s('svg', { viewBox: `0 0 ${w} ${hh}`, class: 'chart wide', role: 'img', 'aria-label': 'Important paired differences, scenario minus baseline, in minimum important differences, with 95% intervals (the table below lists them all)', 'data-testid': 'sim-diff-chart' });
  // The axis runs from tick to tick: its ends are round numbers that take in every mean and every
  // interval end, so no dot or whisker lies beyond the last labelled tick.
  const [lo, hi, step] = niceDomain(Math.min(-1, ...rows.map((d) => d.zlo)), Math.max(1, ...rows.map((d) => d.zhi)));
  const X = (v) => L + ((v - lo) / (hi - lo)) * (w - L - R);
  s('rect', { x: X(lo), y: T - 6, width: X(hi) - X(lo), height: hh - 26 - (T - 6), class: 'plot-area', fill: 'none' }, svg);
  for (let k = 0; lo + k * step <= hi + step / 1e6; k++) {
    const v = Number((lo + k * step).toFixed(6));
    s('line', { x1: X(v), x2: X(v), y1: T - 6, y2: hh - 26, class: v ? 'grid' : 'axis', 'data-tick': v }, svg);
    const t = s('text', { x: X(v), y: T - 10, 'text-anchor': 'middle', class: 'tick' }, svg); t.textContent = v ? `${v > 0 ? '+' : '−'}${Math.abs(v)}` : '0';
  }
  rows.forEach((d, i) => {
    const y = T + i * rowH + rowH / 2;
    const lab = s('text', { x: L - 8, y: y + 4, 'text-anchor': 'end', class: 'tick' }, svg);
    const full = `${d.label} (${d.group})`;
    lab.textContent = full.length > 44 ? `${full.slice(0, 43)}…` : full;
    s('title', {}, lab).textContent = full;
    const c = `var(--series-${d.diff > 0 ? 1 : 0})`;
    s('line', { x1: X(d.zlo), x2: X(d.zhi), y1: y, y2: y, class: 'whisker', style: `stroke: ${c}` }, svg);
    s('circle', { cx: X(d.z), cy: y, r: 4, style: `fill: ${c}` }, svg);
    const v = s('text', { x: w - 4, y: y + 4, 'text-anchor': 'end', class: 'tick' }, svg); v.textContent = `${d.diff > 0 ? '+' : '−'}${fmt(Math.abs(d.diff), 3)}`;
  });
  const xt = s('text', { x: (L + w - R) / 2, y: hh - 8, 'text-anchor': 'middle', class: 'tick' }, svg);
  xt.textContent = 'scenario − baseline, in minimum important differences (MID)';
  // On a phone the chart keeps a readable size and scrolls sideways in its own box.
  return h('figure', { class: 'chart-figure' }, h('div', { class: 'scroll' }, svg), h('figcaption', { class: 'source', text: 'The largest important differences (significant and at least the minimum important difference, docs/sensitivity.md): the dot is the mean paired difference over the measure\'s MID, the line its 95% interval; the right column gives the difference in the measure\'s own units.' }));
}

/**
 * A nice axis for [lo, hi]: a step of 1, 2 or 5 times a power of ten giving at most six intervals,
 * and the domain widened outward to whole steps, so the axis begins and ends on a labelled tick that
 * covers every value. Returns [start, end, step].
 */
export function niceDomain(lo, hi) {
  if (!(hi > lo)) { lo -= 1; hi += 1; }
  const mag = 10 ** Math.floor(Math.log10((hi - lo) / 6));
  for (const m of [1, 2, 5, 10, 20, 50]) {
    const step = m * mag;
    const a = Math.floor(lo / step) * step, b = Math.ceil(hi / step) * step;
    if ((b - a) / step <= 6 + 1e-9) return [a, b, step];
  }
  const step = 100 * mag;
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step];
}
