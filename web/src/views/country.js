// A country's profile: its alliances and ties over time, its alliance-portfolio similarity to the
// US and the challengers, its best opportunity rank, and its records.

import { $, api, h, panel, state, setParam, nameOf, dataTable, tools, behind, announce } from '../core.js';
import { lineChart } from '../chart.js';
import { record } from '../detail.js';

let p;

export function init(root) {
  const pick = h('select', { id: 'country-pick', 'data-testid': 'country-pick' });
  const box = h('section', { class: 'panel', 'aria-labelledby': 'ct-h' },
    h('h2', { id: 'ct-h', class: 'panel-title' }, 'Country profile ', h('span', { class: 'for-year', 'data-testid': 'country-name' })),
    h('p', {}, h('label', { for: 'country-pick' }, 'State '), pick),
    h('div', { class: 'figure', id: 'country-body' }));
  root.append(box);
  p = panel(box);
  pick.addEventListener('change', () => { setParam('state', pick.value); render(); });
}

function fillPick() {
  const pick = $('#country-pick');
  if (pick.options.length) return;
  const groups = new Map();
  for (const st of state.states.values()) {
    if (!st.iso3) continue;
    const g = st.group || 'Other';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(st);
  }
  for (const g of ['United States', 'Europe', 'East Asia & Pacific', 'Challengers', ...[...groups.keys()].sort()]) {
    const list = groups.get(g);
    if (!list) continue;
    groups.delete(g);
    pick.append(h('optgroup', { label: g }, list.sort((a, b) => a.name.localeCompare(b.name)).map((st) => h('option', { value: st.iso3 }, st.name))));
  }
}

export function render() {
  fillPick();
  const code = state.params.get('state') || 'JPN';
  $('#country-pick').value = code;
  p.load(async (signal) => {
    const [pr, recs] = await Promise.all([api(`/api/profile?state=${code}`, { signal }), api(`/api/records?state=${code}`, { signal })]);
    const ys = pr.years;
    const pts = (k) => ys.map((r) => [r.year, r[k]]);
    // Every year; a year without a value is a gap in the line, never 0.
    const from = (k, y0) => ys.filter((r) => r.year >= y0).map((r) => [r.year, r[k]]);
    const body = $('#country-body');
    // The charts go into a grid (two columns on a wide screen), in the page before they are drawn,
    // so that each is drawn at its column's width.
    const grid = h('div', { class: 'charts' });
    const notice = pr.missing.length ? h('p', { class: 'notice', 'data-testid': 'profile-missing', text: pr.missing.join(' ') }) : null;
    body.replaceChildren(...[notice, grid].filter(Boolean));
    grid.append(lineChart({ title: `${pr.state.name}: alliances and other ties in force`, series: [{ name: 'defence treaties', points: pts('alliances') }, { name: 'other ties (cooperation, access, partnership, exercises, arms)', points: pts('ties') }], name: `profile-${code}-ties`, digits: 0, testid: 'profile-chart', source: 'Source: Entente\'s curated record.', within: grid }));
    if (ys.some((r) => r.best_opportunity_rank != null)) {
      grid.append(lineChart({ title: `${pr.state.name}: best opportunity rank of its pairs (1 = best)`, series: [{ name: 'best rank', points: from('best_opportunity_rank', 1990) }], invert: true, name: `profile-${code}-opportunity`, digits: 0, testid: 'profile-chart', source: 'Entente\'s opportunity score (docs/opportunities.md), every year from 1990; a gap is a year in which none of its pairs is ranked.', within: grid }));
    }
    if (ys.some((r) => r.similarity_us != null)) {
      const covered = ys.filter((r) => r.similarity_us != null || r.similarity_chn != null || r.similarity_rus != null).map((r) => r.year);
      const [c0, c1] = [Math.min(...covered), Math.max(...covered)];
      const covering = (k) => ys.filter((r) => r.year >= c0 && r.year <= c1).map((r) => [r.year, r[k]]);
      // What the measure is, before the chart (across the grid's full width): an analyst reads it as
      // closeness otherwise.
      grid.append(h('p', { class: 'lede full', 'data-testid': 'profile-similarity-about' }, h('strong', {}, 'How to read the similarity chart below. '), pr.similarity_about));
      // Three series over seventy years: the full width of the grid, drawn at up to 680 units.
      const sim = lineChart({ title: `${pr.state.name}: how alike its alliance portfolio is to those of the US, China and Russia (weighted κ)`, series: [{ name: 'with the US', points: covering('similarity_us') }, { name: 'with China', points: covering('similarity_chn') }, { name: 'with Russia', points: covering('similarity_rus') }], name: `profile-${code}-similarity`, testid: 'profile-chart', yLabel: 'weighted κ', source: `${pr.similarity}.`, within: body });
      sim.classList.add('full');
      grid.append(sim);
    }
    const rows = recs.records.map((r) => ({ name: r.name, kind: r.kind_label, from: r.start_shown, to: r.end_shown ?? '', r }));
    const list = h('div', { class: 'records-list' });
    const table = dataTable([['name', 'Record'], ['kind', 'Kind'], ['from', 'From'], ['to', 'To']], rows, { testid: 'profile-records', caption: `${recs.records.length} ${recs.query}`, onRow: (d) => { list.replaceChildren(record(d.r)); list.focus(); } });
    list.tabIndex = -1;
    body.append(h('h3', { text: `Records ${pr.state.name} is a party to` }), h('div', { class: 'scroll' }, table), list, tools(`profile-${code}`, { table }));
    $('[data-testid=country-name]').textContent = `: ${nameOf(pr.state.ccode)}`;
    announce(`Profile of ${pr.state.name}`);
  }, `Loading ${code}`);
}

export { behind };
