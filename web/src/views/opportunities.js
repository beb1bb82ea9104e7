// Opportunities: where European–East Asian cooperation would pay, for the year it says it shows.

import { $, api, h, panel, state, fmt, pct, setParam, dataTable, tools, announce } from '../core.js';

const COVERAGE = [1990, 2025];
let p;

export function init(root) {
  const box = h('section', { class: 'panel', 'aria-labelledby': 'opp-h' },
    h('h2', { id: 'opp-h', class: 'panel-title' }, 'Opportunities ', h('span', { class: 'for-year', 'data-testid': 'opp-year' })),
    h('p', { class: 'lede', text: 'Where European–East Asian cooperation would pay: threats converge, capabilities match, ties are thin. Sort by any column; Enter or a click on a row opens its decomposition beneath it.' }),
    h('div', { class: 'figure', id: 'opp-body' }));
  root.append(box);
  p = panel(box);
}

export function render() {
  const y = state.year;
  const body = $('#opp-body');
  if (y < COVERAGE[0] || y > COVERAGE[1]) {
    // Say so, rather than silently show another year.
    $('[data-testid=opp-year]').textContent = '';
    body.replaceChildren(h('p', { class: 'notice', 'data-testid': 'opp-out-of-range' },
      `The opportunity score covers ${COVERAGE[0]}–${COVERAGE[1]} (its inputs, UN votes and SIPRI arms transfers among them, start there); ${y} is outside it. `,
      h('button', { type: 'button', onclick: () => document.dispatchEvent(new CustomEvent('entente:year', { detail: COVERAGE[0] })) }, `Show ${COVERAGE[0]}`)));
    return;
  }
  p.load(async (signal) => {
    const rows = await api(`/api/opportunities?year=${y}&top=60`, { signal });
    const data = rows.map((r) => ({
      r, rank: r.rank || null, rank_shown: r.rank ? String(r.rank) : 'not ranked', pair: `${r.europe.iso3}–${r.asia.iso3}`, score: r.score,
      threat: r.threat.value, capability: r.capability.value, ties: r.ties.value, coverage: r.coverage, coverage_shown: pct(r.coverage),
    }));
    const sel = state.params.get('pair');
    const table = dataTable([['rank', '#', true], ['pair', 'Pair'], ['score', 'Score', true], ['threat', 'Threat', true], ['capability', 'Capability', true], ['ties', 'Ties', true], ['coverage', 'Coverage', true]], data, {
      testid: 'opp', caption: `The 60 best-ranked pairs in ${y}`, sort: { key: 'rank', asc: true },
      onRow: (d, tr) => toggle(d.r, tr),
    });
    table.setAttribute('data-testid', 'opp-table');
    $('[data-testid=opp-year]').textContent = `in ${y}`;
    body.replaceChildren(h('div', { class: 'scroll' }, table), h('p', { class: 'source', text: 'Sources: COW MID, UNGA ideal points, SIPRI milex and arms transfers, COW contiguity, the curated record (docs/opportunities.md).' }), tools('opportunities', { table }));
    // The selected pair stays open across years, when it is still listed.
    if (sel) {
      const i = data.findIndex((d) => d.pair === sel);
      const tr = table.tBodies[0].rows[[...table.tBodies[0].rows].findIndex((row) => row.cells[1].textContent === sel)];
      if (i >= 0 && tr) toggle(data[i].r, tr, true);
    }
  }, `Loading ${y}`);
}

function toggle(r, tr, keep = false) {
  const next = tr.nextElementSibling;
  const open = next && next.classList.contains('detail');
  for (const d of tr.parentElement.querySelectorAll('tr.detail')) d.remove();
  for (const x of tr.parentElement.querySelectorAll('tr.open')) x.classList.remove('open');
  if (open && !keep) { setParam('pair', null); return; }
  const pair = `${r.europe.iso3}–${r.asia.iso3}`;
  setParam('pair', pair);
  tr.classList.add('open');
  const td = h('td', { colspan: 7 });
  const ul = h('ul', {});
  const li = (t) => ul.append(h('li', { text: t }));
  li(`Threat convergence ${fmt(r.threat.value)} (inputs cover ${pct(r.threat.coverage)})`);
  li(`Capability ${fmt(r.capability.value)}: shared families ${r.capability.shared_families.slice(0, 8).join(', ') || 'none'}; shared suppliers ${r.capability.shared_suppliers.join(', ') || 'none'}`);
  li(`Existing ties ${fmt(r.ties.value)}: ${r.ties.present.join(', ') || 'none'}`);
  td.append(
    h('h3', { text: `${r.europe.name} – ${r.asia.name}, ${r.year}: ${r.rank ? `rank ${r.rank}` : 'not ranked (too little data)'}, score ${fmt(r.score)}` }),
    h('p', { 'data-testid': 'opp-rationale', text: r.rationale }), ul,
    h('p', {}, h('a', { href: `/api/records?state=${r.europe.iso3}&other=${r.asia.iso3}&year=${r.year}` }, 'The records behind its ties (JSON)')));
  const row = h('tr', { class: 'detail', 'data-testid': 'opp-detail' }, td);
  tr.after(row);
  announce(`${pair}: ${r.rationale}`);
}
