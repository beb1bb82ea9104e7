// The drill-down: a node's or a tie's records with their name, kind, dates, obligations and sources.

import { api, h, panel, announce, state } from './core.js';

/** Shows the records of `query` (`state=JPN&other=GBR&year=2024`) in `box`, with a title. */
export function showRecords(box, query, title, { onProfile } = {}) {
  box.hidden = false;
  box.replaceChildren();
  const head = h('div', { class: 'detail-head' },
    h('h3', { id: 'detail-title', text: title }),
    h('button', { type: 'button', class: 'close', 'aria-label': 'Close the detail', onclick: () => { box.hidden = true; } }, '×'));
  const body = h('div', { 'data-testid': 'detail-records' });
  box.append(head);
  if (onProfile) box.append(h('p', {}, h('a', { href: '#country', onclick: (e) => { e.preventDefault(); onProfile(); } }, 'Open the country profile →')));
  box.append(body);
  const p = panel(box);
  p.load(async (signal) => {
    const r = await api(`/api/records?${query}`, { signal });
    body.replaceChildren(
      h('p', { class: 'source', text: `${r.records.length} ${r.query}. Curated record sha256 ${r.record_sha256.slice(0, 12)}…` }),
      ...r.records.map(record),
    );
    announce(`${title}: ${r.records.length} records`);
  }, 'Loading the records');
  box.focus?.();
}

export function record(r) {
  const dates = `${r.start_shown}${r.end_shown ? ` – ${r.end_shown}` : ' – '}`;
  return h('article', { class: 'record', 'data-testid': 'record' },
    h('h4', { text: r.name }),
    h('p', { class: 'meta' }, `${r.kind_label}; ${dates}; ${r.status.replaceAll('_', ' ')}`,
      r.obligations.length ? `; obligations: ${r.obligations.join(', ')}` : ''),
    h('p', { text: r.summary }),
    h('p', { class: 'meta', text: `Parties: ${r.members.map((m) => m.iso3).join(', ')}` }),
    r.note ? h('p', { class: 'note', text: `Note: ${r.note}` }) : null,
    h('ul', { class: 'sources' }, r.sources.map((s) => h('li', {},
      h('a', { href: s.url, rel: 'noopener', target: '_blank' }, s.title),
      s.publisher ? `, ${s.publisher}` : '', s.date ? ` (${s.date})` : ''))),
    h('p', { class: 'meta', text: `Record ${r.id}, ${r.origin}` }),
  );
}

export const yearQ = () => `year=${state.year}`;
