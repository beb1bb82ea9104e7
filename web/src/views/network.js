// The network view: the year's headline figures (with their definitions) and the two alliance
// systems as a diagram: NATO as one bloc, the US spokes in East Asia & Pacific, the ties across the
// regions by kind (a framework drawn once, through its organisation), the challengers' ties.

import {
  $, api, h, s, fmt, state, panel, categoriser, eapAllies, legend, NODE_CATS, tieToken, tieLabel,
  isoOf, nameOf, dataTable, behind, tools, US, CHALLENGERS, announce, TIE_LEGEND, once,
} from '../core.js';
import { showRecords } from '../detail.js';

const FACTS = [
  ['nato_members', 'NATO members', 0],
  ['eap_allies', 'US treaty allies in East Asia & Pacific', 0],
  ['cross_ties', 'European–East Asian pairs tied', 0],
  ['challenger_ties', "Challengers' ties", 0],
  ['us_brokerage', 'US share of shortest paths', 2],
  ['hub_dependence_treaty', 'Hub dependence (defence treaties)', 2],
  ['ei', 'E–I index (NATO vs East Asian allies)', 2],
];
const TESTIDS = { nato_members: 'nato-count', eap_allies: 'eap-count', cross_ties: 'cross-count', challenger_ties: 'challenger-count', us_brokerage: 'us-brokerage', hub_dependence_treaty: 'hub-dependence', ei: 'ei-index' };
const RANK = ['tie-treaty', 'tie-cooperation', 'tie-access', 'tie-partnership', 'tie-exercise', 'tie-arms', 'tie-framework'];

let facts, diagram;

export function init(root) {
  const factBox = h('section', { class: 'panel facts-panel', 'aria-labelledby': 'facts-h' },
    h('h2', { id: 'facts-h', class: 'panel-title' }, 'Headline figures ', h('span', { 'data-testid': 'facts-year', class: 'for-year' })),
    h('dl', { class: 'facts', 'data-testid': 'facts' }), h('p', { class: 'source', id: 'facts-source' }));
  const diaBox = h('section', { class: 'panel', 'aria-labelledby': 'net-h' },
    h('h2', { id: 'net-h', class: 'panel-title' }, 'The alliance network ', h('span', { class: 'for-year', 'data-testid': 'network-year' })),
    h('div', { class: 'chart-wrap' },
      h('div', { class: 'figure' }),
      h('aside', { class: 'detail', id: 'network-detail', 'data-testid': 'network-detail', hidden: true, tabindex: '-1', 'aria-labelledby': 'detail-title' })));
  root.append(factBox, diaBox);
  facts = panel(factBox);
  diagram = panel(diaBox);
}

/** Asks for what `render` will need, before the states have arrived. */
export function prefetch() {
  const y = state.year;
  for (const q of [`/api/headline?year=${y}`, `/api/alliances?year=${y}`, `/api/ties?between=europe&and=east-asia&year=${y}`, `/api/ties?between=challengers&and=challengers&year=${y}`]) api(q).catch(() => {});
}

export function render() {
  const y = state.year;
  facts.load(async (signal) => {
    const hl = await api(`/api/headline?year=${y}`, { signal });
    const dl = $('[data-testid=facts]');
    dl.replaceChildren(...FACTS.map(([k, label, d]) => {
      const f = hl[k];
      return h('div', { class: 'fact' },
        h('dt', {}, label),
        h('dd', { class: 'value', 'data-testid': TESTIDS[k] }, f.value == null ? 'n/a' : fmt(f.value, d)),
        h('dd', { class: 'about' }, f.missing ? `Not shown: ${f.missing}. ` : '', f.about));
    }));
    $('[data-testid=facts-year]').textContent = `in ${hl.year}`;
    $('#facts-source').textContent = `Source: ${hl.source}.`;
  }, `Loading ${y}`);
  diagram.load(async (signal) => {
    const [alliances, cross, ch] = await Promise.all([
      api(`/api/alliances?year=${y}`, { signal }),
      api(`/api/ties?between=europe&and=east-asia&year=${y}`, { signal }),
      api(`/api/ties?between=challengers&and=challengers&year=${y}`, { signal }),
    ]);
    draw(y, alliances, cross, ch);
  }, `Loading ${y}`);
}

function grid(list, x0, y0, cols, cw, chh, place) {
  list.forEach((c, i) => place(c, x0 + (i % cols) * cw, y0 + Math.floor(i / cols) * chh));
}

function draw(y, alliances, cross, ch) {
  const eap = eapAllies(alliances);
  const cat = categoriser(alliances, eap);
  const nato = (alliances.find((a) => a.id === 'nato')?.members ?? []).map((m) => m.ccode).filter((c) => c !== US);
  const nodes = new Map();
  const place = (c, x, yy) => { if (!nodes.has(c)) nodes.set(c, { c, x, y: yy }); };
  place(US, 500, 56);
  const byName = (a, b) => isoOf(a).localeCompare(isoOf(b));
  nato.sort(byName);
  grid(nato, 52, 130, 5, 58, 46, place);
  const natoRows = Math.ceil(nato.length / 5);
  const natoBox = { x: 24, y: 108, w: 5 * 58 + 6, h: Math.max(natoRows, 1) * 46 + 10 };
  const nonCross = cross.filter((t) => t.scope !== 'framework');
  const euOthers = [...new Set(nonCross.map((t) => t.a_ccode).filter((c) => !nato.includes(c)))].sort(byName);
  grid(euOthers, 52, natoBox.y + natoBox.h + 40, 5, 58, 46, place);
  const partners = [...new Set(cross.map((t) => t.b_ccode).filter((c) => !eap.includes(c)))].sort(byName);
  eap.sort(byName);
  grid(eap, 640, 130, 6, 58, 46, place);
  grid(partners, 640, 130 + Math.ceil(eap.length / 6) * 46 + (eap.length ? 12 : 0), 6, 58, 46, place);
  CHALLENGERS.forEach((c, i) => place(c, 400 + i * 80, 560));
  const others = [...new Set(ch.flatMap((t) => [t.a_ccode, t.b_ccode]).filter((c) => !nodes.has(c)))].sort(byName);
  grid(others, 660, 560, 5, 58, 46, place);

  const svg = s('svg', { viewBox: '0 0 1000 610', role: 'group', 'aria-labelledby': 'net-title', 'aria-describedby': 'net-desc', 'data-testid': 'network-svg', class: 'chart' });
  s('title', { id: 'net-title' }, svg).textContent = `The US alliance systems and the ties between them, ${y}`;
  s('desc', { id: 'net-desc' }, svg).textContent = `${nato.length + 1} NATO members, ${eap.length} US treaty allies in East Asia & Pacific, ${cross.length} European–East Asian ties and ${ch.length} ties among the challengers. The table below lists every tie.`;
  const edges = s('g', { 'data-testid': 'edges' }, svg);
  const detail = $('#network-detail');
  const openPair = (a, b, title) => showRecords(detail, `state=${isoOf(a)}&other=${isoOf(b)}&year=${y}`, title, { onProfile: () => profile(a) });
  const openNode = (c) => showRecords(detail, `state=${isoOf(c)}&year=${y}`, `${nameOf(c)} in ${y}`, { onProfile: () => profile(c) });
  const curve = (p, q, lift = 0.12) => {
    const mx = (p.x + q.x) / 2, my = (p.y + q.y) / 2 - Math.abs(p.x - q.x) * lift;
    return `M${p.x.toFixed(1)},${p.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${q.x.toFixed(1)},${q.y.toFixed(1)}`;
  };
  let count = 0;
  const edge = (d, token, width, title, onclick, cls = 'edge') => {
    const g = s('g', { class: `${cls} clickable` }, edges);
    if (cls.includes('faint')) g.classList.add('faint');
    s('path', { d, class: 'hit' }, g);
    s('path', { d, class: 'stroke', style: `stroke: var(--${token}); stroke-width: ${width}` }, g);
    s('title', {}, g).textContent = title;
    g.addEventListener('click', onclick);
    count += 1;
  };
  // NATO: one bloc, one treaty; the US tied to it once.
  const natoAnchor = { x: natoBox.x + natoBox.w / 2, y: natoBox.y };
  edge(curve(nodes.get(US), natoAnchor, 0), 'tie-treaty', 4, `North Atlantic Treaty: the US and ${nato.length} allies (click for the record)`, () => showRecords(detail, 'id=nato', 'North Atlantic Treaty'));
  for (const c of eap) edge(curve(nodes.get(US), nodes.get(c), 0.05), 'tie-treaty', 2.5, `US–${isoOf(c)}: defence treaty`, () => openPair(US, c, `United States – ${nameOf(c)}, ${y}`));
  // Ties across the regions: one line per pair, its colour the pair's strongest kind, its width the
  // number of records; a framework once, from its organisation's bloc.
  const pairs = new Map();
  const frameworks = new Map();
  for (const t of cross) {
    if (t.scope === 'framework') {
      const k = `${t.id}|${t.b_ccode}`;
      if (!frameworks.has(k)) frameworks.set(k, t);
      continue;
    }
    const k = `${t.a_ccode}|${t.b_ccode}`;
    if (!pairs.has(k)) pairs.set(k, []);
    pairs.get(k).push(t);
  }
  for (const ts of pairs.values()) {
    const p = nodes.get(ts[0].a_ccode), q = nodes.get(ts[0].b_ccode);
    if (!p || !q) continue;
    const own = ts.filter((t) => t.scope === 'bilateral');
    const main = own.length ? own : ts;
    const token = main.map(tieToken).sort((a, b) => RANK.indexOf(a) - RANK.indexOf(b))[0];
    edge(curve(p, q), token, own.length ? Math.min(1.2 + own.length * 0.6, 4.5) : 0.8, `${ts[0].a}–${ts[0].b}: ${ts.map((t) => `${t.name} (${tieLabel(t).toLowerCase()}${t.scope === 'multilateral' ? ', multilateral' : ''})`).join('; ')}`,
      () => openPair(ts[0].a_ccode, ts[0].b_ccode, `${nameOf(ts[0].a_ccode)} – ${nameOf(ts[0].b_ccode)}, ${y}`), own.length ? 'edge' : 'edge faint');
  }
  for (const t of frameworks.values()) {
    const q = nodes.get(t.b_ccode);
    if (!q) continue;
    edge(curve({ x: natoBox.x + natoBox.w, y: natoBox.y + 20 }, q, 0.05), 'tie-framework', 1.2, `${t.name} (framework) – ${t.b}`, () => showRecords(detail, `id=${encodeURIComponent(t.id)}`, t.name), 'edge framework');
  }
  for (const t of ch) {
    const p = nodes.get(t.a_ccode), q = nodes.get(t.b_ccode);
    if (p && q) edge(curve(p, q, 0.3), tieToken(t), 1.6, `${t.a}–${t.b}: ${t.name} (${tieLabel(t).toLowerCase()})`, () => openPair(t.a_ccode, t.b_ccode, `${nameOf(t.a_ccode)} – ${nameOf(t.b_ccode)}, ${y}`));
  }
  svg.dataset.edges = count;
  // The NATO bloc's frame, under the nodes.
  s('rect', { x: natoBox.x, y: natoBox.y, width: natoBox.w, height: natoBox.h, rx: 10, class: 'bloc' }, svg);
  const label = (x, yy, text, anchor = 'start') => { const t = s('text', { x, y: yy, class: 'region-label', 'text-anchor': anchor }, svg); t.textContent = text; };
  label(natoBox.x, natoBox.y - 10, `NATO (${nato.length + 1} with the US)`);
  if (euOthers.length) label(natoBox.x, natoBox.y + natoBox.h + 24, 'European partners outside NATO');
  label(640 - 28, 108 - 10, 'East Asia & Pacific');
  if (partners.length) { const t = s('text', { x: 640 - 28, y: 130 + Math.ceil(eap.length / 6) * 46 + 2, class: 'sub-label' }, svg); t.textContent = 'Partners without a US defence treaty'; }
  label(400 - 28, 532, 'Challengers');
  if (others.length) label(660 - 28, 532, 'Tied to the challengers');
  const g = s('g', { class: 'nodes' }, svg);
  for (const n of nodes.values()) {
    const k = cat(n.c);
    const node = s('g', { class: `node clickable`, tabindex: '0', role: 'button', 'aria-label': `${nameOf(n.c)}: show its records for ${y}`, 'data-ccode': n.c }, g);
    s('circle', { cx: n.x, cy: n.y, r: n.c === US ? 14 : 9, style: `fill: var(--node-${k})` }, node);
    const t = s('text', { x: n.x, y: n.y + (n.c === US ? 28 : 22), 'text-anchor': 'middle', class: 'node-label' }, node);
    t.textContent = isoOf(n.c);
    s('title', {}, node).textContent = `${nameOf(n.c)} (${NODE_CATS.find((x) => x[0] === k)[2]})`;
    node.addEventListener('click', () => openNode(n.c));
    node.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); openNode(n.c); } });
  }
  const fig = $('#panel-network .figure');
  const rows = cross.concat(ch).map((t) => ({ pair: `${t.a}–${t.b}`, a: t.a_ccode, b: t.b_ccode, kind: tieLabel(t), name: t.name, from: t.start_shown, to: t.end_shown ?? '', id: t.id, framework: t.scope === 'framework' }));
  // Built when first opened or exported: 400 rows cost more than the whole diagram.
  const table = once(() => dataTable([['pair', 'Pair'], ['kind', 'Kind'], ['name', 'Record'], ['from', 'From'], ['to', 'To']], rows, {
    testid: 'ties-table', caption: `Ties in force in ${y} between Europe and East Asia & Pacific, and among the challengers (Enter opens the records)`,
    onRow: (r) => openPair(r.a, r.b, `${nameOf(r.a)} – ${nameOf(r.b)}, ${y}`),
  }));
  fig.replaceChildren(
    svg,
    legend([...NODE_CATS.filter(([k]) => k !== 'other' || others.length).map(([, t, l]) => [t, l]),
      ...TIE_LEGEND], 'network-legend'),
    h('p', { class: 'source' }, 'A line joins a pair with records in force that year; its colour is the pair\'s strongest kind of tie, its width the number of records; a pair tied only through multilateral records (exercises such as RIMPAC, arrangements such as the FPDA) is drawn faint. Click a state or a line (or use the table) for the records and their sources. Source: Entente\'s curated record.'),
    tools('network', { table, svg }),
    behind(table, `Data table: ${rows.length} ties`),
  );
  $('[data-testid=network-year]').textContent = `in ${y}`;
  announce(`Network for ${y}: ${count} lines drawn`);
}

function profile(c) {
  state.params.set('state', isoOf(c));
  document.dispatchEvent(new CustomEvent('entente:view', { detail: 'country' }));
}
