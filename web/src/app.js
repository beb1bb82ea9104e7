// Entente's dashboard: our own code, no third-party libraries. It reads the JSON API of `entente serve`
// and draws SVG.

const $ = (s, el = document) => el.querySelector(s);
const SVG = 'http://www.w3.org/2000/svg';
const COLORS = { us: '#1f4e9c', europe: '#2a9d8f', eap: '#e76f51', challenger: '#b5179e', other: '#8d99ae' };
const KIND_COLORS = {
  defence_treaty: '#1f4e9c', defence_cooperation: '#2a9d8f', access_agreement: '#e9c46a', partnership: '#8ab17d',
  exercise: '#7b61ff', arms_industrial: '#f4a261', arms_deal: '#9c6644',
};
const CHALLENGERS = new Set([710, 365, 731]);
const state = { year: 2024, states: new Map(), cache: new Map(), oppSort: { key: 'rank', asc: true }, opps: [] };

function el(tag, attrs = {}, parent) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

async function api(path) {
  if (state.cache.has(path)) return state.cache.get(path);
  const res = await fetch(path);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || res.statusText);
  state.cache.set(path, body);
  return body;
}

function showError(where, err) {
  where.innerHTML = '';
  const p = document.createElement('p');
  p.className = 'error';
  p.textContent = String(err.message || err);
  where.appendChild(p);
}

// ---------------------------------------------------------------- the year and the views
function setView(name) {
  for (const b of document.querySelectorAll('nav button')) b.classList.toggle('active', b.dataset.view === name);
  for (const v of document.querySelectorAll('.view')) v.classList.toggle('active', v.id === name);
  render();
}

let renderToken = 0;
async function render() {
  const token = ++renderToken;
  const view = $('.view.active').id;
  try {
    if (view === 'network') await renderNetwork(token);
    if (view === 'map') await renderMap(token);
    if (view === 'trends') await renderTrends(token);
    if (view === 'opportunities') await renderOpportunities(token);
  } catch (e) {
    showError($('.view.active'), e);
  }
}

// ---------------------------------------------------------------- the year's blocks and ties
async function yearData(y) {
  const [alliances, cross, challengers] = await Promise.all([
    api(`/api/alliances?year=${y}`),
    api(`/api/ties?between=europe&and=east-asia&year=${y}`),
    api(`/api/ties?between=challengers&and=challengers&year=${y}`),
  ]);
  const nato = alliances.find((a) => a.id === 'nato');
  const natoMembers = nato ? nato.members.map((m) => m.ccode) : [];
  const eap = new Set();
  for (const a of alliances) {
    const codes = a.members.map((m) => m.ccode);
    if (a.id === 'nato' || !codes.includes(2)) continue;
    // A member whose treaty tie to the US is suspended (New Zealand in ANZUS from 1987) is not a
    // US treaty ally that year.
    const usa = a.members.find((m) => m.ccode === 2).iso3;
    const suspended = new Set((a.suspended_pairs || []).filter((p) => p.includes(usa)).flat());
    for (const m of a.members) {
      const s = state.states.get(m.ccode);
      if (m.ccode !== 2 && !suspended.has(m.iso3) && s && s.group === 'East Asia & Pacific') eap.add(m.ccode);
    }
  }
  return { alliances, natoMembers, eap: [...eap], cross, challengers };
}

function groupOf(ccode, d) {
  if (ccode === 2) return 'us';
  if (CHALLENGERS.has(ccode)) return 'challenger';
  if (d.natoMembers.includes(ccode)) return 'europe';
  const s = state.states.get(ccode);
  if (s && s.group === 'East Asia & Pacific') return 'eap';
  if (s && s.group === 'Europe') return 'europe';
  return 'other';
}

// ---------------------------------------------------------------- network
function ring(n, cx, cy, rx, ry, from = 0, to = 2 * Math.PI) {
  return Array.from({ length: n }, (_, i) => {
    const t = from + ((to - from) * (i + 0.5)) / Math.max(n, 1);
    return [cx + rx * Math.cos(t), cy + ry * Math.sin(t)];
  });
}

async function renderNetwork(token) {
  const y = state.year;
  const d = await yearData(y);
  if (token !== renderToken) return;
  $('[data-testid=nato-count]').textContent = d.natoMembers.length;
  $('[data-testid=eap-count]').textContent = d.eap.length;
  $('[data-testid=cross-count]').textContent = d.cross.length;
  $('[data-testid=challenger-count]').textContent = d.challengers.length;
  api(`/api/network?year=${y}`).then((n) => {
    if (token !== renderToken) return;
    $('[data-testid=hub-dependence]').textContent = fmt(n.measures.hub_dependence.value);
    const ei = (n.measures.ei || []).find((e) => e.layer === 'union');
    $('[data-testid=ei-index]').textContent = fmt(ei && ei.ei);
  }).catch((e) => {
    // Say so where the figures would be, rather than leave a dash that looks like a value pending.
    for (const id of ['hub-dependence', 'ei-index']) {
      const cell = $(`[data-testid=${id}]`);
      cell.textContent = 'error';
      cell.title = String(e.message || e);
    }
  });
  const svg = $('#network-svg');
  svg.innerHTML = '';
  const nodes = new Map();
  const place = (c, x, y2) => nodes.set(c, { ccode: c, x, y: y2 });
  place(2, 500, 80);
  const eu = d.natoMembers.filter((c) => c !== 2).sort((a, b) => a - b);
  ring(eu.length, 250, 350, 190, 230, Math.PI / 2, 1.5 * Math.PI).forEach(([x, yy], i) => place(eu[i], x, yy));
  const asiaSet = new Set(d.eap);
  for (const t of d.cross) asiaSet.add(t.b_ccode);
  const asia = [...asiaSet].sort((a, b) => a - b);
  ring(asia.length, 760, 330, 170, 220, -Math.PI / 2, Math.PI / 2).forEach(([x, yy], i) => place(asia[i], x, yy));
  const ch = [710, 365, 731];
  ch.forEach((c, i) => place(c, 420 + i * 80, 590));
  // European partners outside NATO (the EU–Japan agreement, exercises…): a column of their own.
  const euOthers = [...new Set(d.cross.map((t) => t.a_ccode).filter((c) => !nodes.has(c)))].sort((a, b) => a - b);
  euOthers.forEach((c, i) => place(c, 26, 440 + (i * 180) / Math.max(euOthers.length - 1, 1)));
  const others = new Set();
  for (const t of d.challengers) for (const c of [t.a_ccode, t.b_ccode]) if (!nodes.has(c)) others.add(c);
  [...others].sort((a, b) => a - b).forEach((c, i) => place(c, 640 + i * 40, 615));

  const edges = el('g', { 'data-testid': 'edges' }, svg);
  let count = 0;
  const line = (a, b, color, width, opacity, title) => {
    const p = nodes.get(a), q = nodes.get(b);
    if (!p || !q) return;
    const l = el('line', { x1: p.x, y1: p.y, x2: q.x, y2: q.y, stroke: color, 'stroke-width': width, 'stroke-opacity': opacity, class: 'edge' }, edges);
    if (title) el('title', {}, l).textContent = title;
    count += 1;
  };
  // NATO: every pair bound by the one treaty, drawn faintly — a multilateral web.
  for (let i = 0; i < d.natoMembers.length; i++)
    for (let j = i + 1; j < d.natoMembers.length; j++)
      line(d.natoMembers[i], d.natoMembers[j], COLORS.europe, 0.6, 0.12, 'NATO');
  // The US spokes in East Asia & Pacific.
  for (const c of d.eap) line(2, c, COLORS.us, 2.2, 0.8, 'US defence treaty');
  // Ties across the regions, by kind.
  for (const t of d.cross) line(t.a_ccode, t.b_ccode, KIND_COLORS[t.kind] || '#999', 1.2, 0.55, `${t.a}–${t.b}: ${t.name}`);
  for (const t of d.challengers) line(t.a_ccode, t.b_ccode, COLORS.challenger, 1.6, 0.6, `${t.a}–${t.b}: ${t.name}`);
  svg.setAttribute('data-edges', count);
  const g = el('g', {}, svg);
  for (const n of nodes.values()) {
    const grp = groupOf(n.ccode, d);
    const c = el('circle', { cx: n.x, cy: n.y, r: n.ccode === 2 ? 13 : 8, fill: COLORS[grp], stroke: 'white', 'stroke-width': 1.5, class: `node ${grp}` }, g);
    const s = state.states.get(n.ccode);
    el('title', {}, c).textContent = s ? s.name : n.ccode;
    const t = el('text', { x: n.x, y: n.y - 11, 'text-anchor': 'middle', 'font-size': 10, fill: '#333' }, g);
    t.textContent = s ? s.iso3 || s.cow_abb : n.ccode;
  }
  const label = (x, y2, text) => { const t = el('text', { x, y: y2, 'font-size': 13, 'font-weight': 600, fill: '#555' }, svg); t.textContent = text; };
  label(40, 30, `Europe: NATO (${d.natoMembers.length})`);
  label(700, 30, 'East Asia & Pacific');
  label(420, 635, 'Challengers');
  $('#network-legend').textContent =
    'Blue: the US and its treaties; green: NATO (faint lines: every pair bound by the one treaty); magenta: the challengers; ' +
    'coloured lines between the regions: ties by kind (yellow access, green cooperation, olive partnership, violet exercises, orange arms programmes, brown arms deals). ' +
    'Left column: European partners outside NATO.';
}

// ---------------------------------------------------------------- map
const proj = (lat, lng) => [((lng + 180) / 360) * 1000, ((90 - lat) / 180) * 500];

async function renderMap(token) {
  const y = state.year;
  const [d, land] = await Promise.all([yearData(y), api('/land.json')]);
  if (token !== renderToken) return;
  const svg = $('#map-svg');
  svg.innerHTML = '';
  for (let lng = -180; lng <= 180; lng += 30) { const [x] = proj(0, lng); el('line', { x1: x, y1: 0, x2: x, y2: 500, stroke: '#eee' }, svg); }
  for (let lat = -60; lat <= 90; lat += 30) { const [, yy] = proj(lat, 0); el('line', { x1: 0, y1: yy, x2: 1000, y2: yy, stroke: '#eee' }, svg); }
  for (const f of land.features || []) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) for (const ringc of poly) {
      const dpath = ringc.map(([lng, lat], i) => { const [x, yy] = proj(lat, lng); return `${i ? 'L' : 'M'}${x.toFixed(1)},${yy.toFixed(1)}`; }).join('') + 'Z';
      el('path', { d: dpath, fill: '#ecebe4', stroke: '#d6d4c8', 'stroke-width': 0.5 }, svg);
    }
  }
  const pos = (c) => { const s = state.states.get(c); return s && s.lat != null ? proj(s.lat, s.lng) : null; };
  const arc = (a, b, color, w, op, title) => {
    const p = pos(a), q = pos(b);
    if (!p || !q) return;
    const mx = (p[0] + q[0]) / 2, my = Math.min(p[1], q[1]) - Math.abs(p[0] - q[0]) * 0.15;
    const path = el('path', { d: `M${p[0]},${p[1]} Q${mx},${my} ${q[0]},${q[1]}`, fill: 'none', stroke: color, 'stroke-width': w, 'stroke-opacity': op, class: 'tie' }, svg);
    el('title', {}, path).textContent = title;
  };
  for (const c of d.eap) arc(2, c, COLORS.us, 1.6, 0.7, 'US defence treaty');
  for (const t of d.cross) arc(t.a_ccode, t.b_ccode, KIND_COLORS[t.kind] || '#999', 1, 0.5, `${t.a}–${t.b}: ${t.name}`);
  for (const t of d.challengers) arc(t.a_ccode, t.b_ccode, COLORS.challenger, 1.4, 0.6, `${t.a}–${t.b}: ${t.name}`);
  const shown = new Set([2, ...d.natoMembers, ...d.eap, 710, 365, 731]);
  for (const t of d.cross) { shown.add(t.a_ccode); shown.add(t.b_ccode); }
  for (const c of shown) {
    const p = pos(c);
    if (!p) continue;
    const dot = el('circle', { cx: p[0], cy: p[1], r: 3.5, fill: COLORS[groupOf(c, d)] }, svg);
    const s = state.states.get(c);
    el('title', {}, dot).textContent = s ? s.name : c;
  }
}

// ---------------------------------------------------------------- trends
function lineChart(title, series, events, source) {
  const box = document.createElement('div');
  box.className = 'chart';
  const h = document.createElement('h3');
  h.textContent = title;
  box.appendChild(h);
  const w = 960, hh = 240, pad = 44;
  const svg = el('svg', { viewBox: `0 0 ${w} ${hh}`, 'data-testid': 'trend-chart' });
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1])).filter((v) => v != null);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(0, ...ys), Math.max(...ys, 1)];
  const X = (x) => pad + ((x - x0) / Math.max(x1 - x0, 1)) * (w - 2 * pad);
  const Y = (y) => hh - pad + 10 - ((y - y0) / Math.max(y1 - y0, 1e-9)) * (hh - 2 * pad);
  el('line', { x1: pad, y1: Y(y0), x2: w - pad, y2: Y(y0), stroke: '#999' }, svg);
  for (let x = Math.ceil(x0 / 10) * 10; x <= x1; x += 10) {
    const t = el('text', { x: X(x), y: hh - 4, 'font-size': 10, 'text-anchor': 'middle', fill: '#666' }, svg);
    t.textContent = x;
  }
  const yt = el('text', { x: 4, y: Y(y1) + 4, 'font-size': 10, fill: '#666' }, svg);
  yt.textContent = Number(y1.toFixed(2));
  events.forEach(([ey, label], k) => {
    if (ey < x0 || ey > x1) return;
    el('line', { x1: X(ey), y1: pad - 10, x2: X(ey), y2: Y(y0), stroke: '#ccc', 'stroke-dasharray': '3,3' }, svg);
    const t = el('text', { x: X(ey) + 2, y: pad - 22 + (k % 2) * 10, 'font-size': 9, fill: '#777' }, svg);
    t.textContent = label;
  });
  const palette = ['#1f4e9c', '#e76f51', '#2a9d8f', '#b5179e', '#f4a261'];
  series.forEach((s, i) => {
    const d = s.points.filter((p) => p[1] != null).map((p, j) => `${j ? 'L' : 'M'}${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`).join('');
    el('path', { d, fill: 'none', stroke: palette[i % palette.length], 'stroke-width': 2 }, svg);
    const t = el('text', { x: pad + 8, y: pad + 4 + 12 * i, 'font-size': 11, fill: palette[i % palette.length] }, svg);
    t.textContent = s.name;
  });
  box.appendChild(svg);
  const src = document.createElement('p');
  src.className = 'source';
  src.textContent = source;
  box.appendChild(src);
  return box;
}

const EVENTS = [[1999, '1999 NATO +3'], [2004, '2004 NATO +7'], [2014, '2014 Crimea'], [2022, '2022 Ukraine'], [2024, '2024 Sweden; RUS–PRK treaty']];

async function renderTrends(token) {
  const box = $('#trend-charts');
  const [cross, ch] = await Promise.all([
    api('/api/ties?between=europe&and=east-asia'),
    api('/api/ties?between=challengers&and=challengers'),
  ]);
  if (token !== renderToken) return;
  const years = Array.from({ length: 2025 - 1949 + 1 }, (_, i) => 1949 + i);
  const active = (t, y) => t.start && Number(t.start.slice(0, 4)) <= y && (!t.end || Number(t.end.slice(0, 4)) >= y);
  const kinds = ['access_agreement', 'defence_cooperation', 'partnership'];
  const byKind = kinds.map((k) => ({ name: k.replace('_', ' '), points: years.map((y) => [y, new Set(cross.filter((t) => t.kind === k && active(t, y)).map((t) => `${t.a}-${t.b}`)).size]) }));
  const exercises = years.map((y) => [y, new Set(ch.filter((t) => t.kind === 'exercise' && Number(t.start.slice(0, 4)) === y).map((t) => t.name)).size]);
  const treaties = years.map((y) => [y, ch.filter((t) => t.kind !== 'exercise' && active(t, y)).length]);
  box.innerHTML = '';
  box.appendChild(lineChart('…by kind of tie', byKind, EVENTS, 'Source: Entente curated record.'));
  box.appendChild(lineChart('Sino-Russian (and DPRK) alignment', [{ name: 'joint exercises and patrols started', points: exercises }, { name: 'treaty, partnership and arms ties in force', points: treaties }], EVENTS, 'Source: Entente curated record (challengers\' ties).'));
  try {
    const t = await api('/api/trends?measure=europe_eap_pairs,europe_eap_pairs_excluding_frameworks,us_brokerage,hub_dependence_treaty,cross_tie_strength,ei_union,sr_alignment,sr_ties,sr_exercises,sr_arms,sr_un');
    if (token !== renderToken) return;
    const s = (k, name) => ({ name: name || k, points: t.rows.map((r) => [r.year, r[k]]) });
    box.prepend(lineChart('European–East Asian pairs tied, by year (distinct pairs)', [s('europe_eap_pairs', 'pairs tied (any record)'), s('europe_eap_pairs_excluding_frameworks', 'without NATO/EU frameworks')], EVENTS, 'Source: Entente curated record, distinct pairs of European and East Asia & Pacific states tied in the year (the brief\'s count).'));
    box.appendChild(lineChart('How the two alliance systems connect', [s('us_brokerage', 'US share of shortest paths'), s('hub_dependence_treaty', 'hub dependence (defence treaties)'), s('cross_tie_strength', 'direct-tie strength'), s('ei_union', 'E–I index')], EVENTS,
      'Source: Entente networks (ATOP to 2018 and carried forward, curated record; docs/networks.md).'));
    box.appendChild(lineChart('Sino-Russian alignment index and its components', [s('sr_alignment', 'index'), s('sr_ties', 'ties'), s('sr_exercises', 'exercises'), s('sr_arms', 'Russia→China arms'), s('sr_un', 'UN closeness')], EVENTS,
      'Source: curated record, SIPRI arms transfers, UNGA ideal points (docs/networks.md).'));
    $('#trend-source').textContent = '';
  } catch (e) {
    $('#trend-source').textContent = `Network measures unavailable: ${e.message}`;
  }
}

// ---------------------------------------------------------------- opportunities
function fmt(v) { return v == null ? 'NA' : Number(v).toFixed(2); }

async function renderOpportunities(token) {
  const y = Math.min(Math.max(state.year, 1990), 2025);
  const rows = await api(`/api/opportunities?year=${y}&top=60`);
  if (token !== renderToken) return;
  state.opps = rows.map((r) => ({
    ...r, pair: `${r.europe.iso3}–${r.asia.iso3}`, threatV: r.threat.value, capV: r.capability.value, tiesV: r.ties.value,
  }));
  drawOppTable();
}

function drawOppTable() {
  const { key, asc } = state.oppSort;
  const val = (r) => ({ rank: r.rank, pair: r.pair, score: r.score, threat: r.threatV, capability: r.capV, ties: r.tiesV, coverage: r.coverage })[key];
  const rows = [...state.opps].sort((a, b) => {
    const x = val(a), z = val(b);
    const c = typeof x === 'string' ? x.localeCompare(z) : (x ?? -1) - (z ?? -1);
    return asc ? c : -c;
  });
  for (const th of document.querySelectorAll('#opp-table th')) th.classList.toggle('sorted', th.dataset.key === key);
  const tb = $('#opp-table tbody');
  tb.innerHTML = '';
  for (const r of rows) {
    const tr = document.createElement('tr');
    tr.dataset.testid = 'opp-row';
    tr.setAttribute('data-testid', 'opp-row');
    for (const v of [r.rank, r.pair, fmt(r.score), fmt(r.threatV), fmt(r.capV), fmt(r.tiesV), `${Math.round(r.coverage * 100)}%`]) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.appendChild(td);
    }
    tr.addEventListener('click', () => showOpp(r));
    tb.appendChild(tr);
  }
}

function showOpp(r) {
  const a = $('#opp-detail');
  a.hidden = false;
  a.innerHTML = '';
  const h = document.createElement('h3');
  h.textContent = `${r.europe.name} – ${r.asia.name}, ${r.year}: rank ${r.rank}, score ${fmt(r.score)}`;
  const p = document.createElement('p');
  p.setAttribute('data-testid', 'opp-rationale');
  p.textContent = r.rationale;
  const ul = document.createElement('ul');
  const li = (t) => { const e = document.createElement('li'); e.textContent = t; ul.appendChild(e); };
  li(`Threat convergence ${fmt(r.threatV)} (coverage ${Math.round(r.threat.coverage * 100)}%)`);
  li(`Capability ${fmt(r.capV)}: shared families ${r.capability.shared_families.slice(0, 8).join(', ') || 'none'}; shared suppliers ${r.capability.shared_suppliers.join(', ') || 'none'}`);
  li(`Existing ties ${fmt(r.tiesV)}: ${r.ties.present.join(', ') || 'none'}`);
  a.append(h, p, ul);
}

// ---------------------------------------------------------------- simulation
async function setupSimulation() {
  const sel = $('#sim-form select[name=scenario]');
  try {
    const list = await api('/api/scenarios');
    for (const s of list) { const o = document.createElement('option'); o.value = s.name; o.textContent = s.title || s.name; o.selected = s.name === 'baseline'; sel.appendChild(o); }
  } catch {
    const o = document.createElement('option'); o.value = 'baseline'; o.textContent = 'baseline'; sel.appendChild(o);
  }
  $('#sim-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    const out = $('#sim-results');
    out.textContent = 'running…';
    try {
      const q = new URLSearchParams({ scenario: f.get('scenario'), runs: f.get('runs'), coordination: f.get('coordination') });
      const res = await fetch(`/api/simulate?${q}`);
      const body = await res.json();
      if (!res.ok) throw new Error(body.error || res.statusText);
      out.innerHTML = '';
      const table = document.createElement('table');
      table.setAttribute('data-testid', 'sim-table');
      const head = document.createElement('tr');
      for (const t of ['measure', 'estimate', '95% interval']) { const th = document.createElement('th'); th.textContent = t; head.appendChild(th); }
      table.appendChild(head);
      for (const m of body.summary || []) {
        const tr = document.createElement('tr');
        for (const v of [m.name, fmt(m.mean), m.lo != null ? `${fmt(m.lo)} – ${fmt(m.hi)}` : '']) { const td = document.createElement('td'); td.textContent = v; tr.appendChild(td); }
        table.appendChild(tr);
      }
      const p = document.createElement('p');
      p.className = 'source';
      p.textContent = `${body.runs} runs, seed ${body.seed}, scenario ${body.scenario}; ${body.elapsed_ms} ms.`;
      out.append(table, p);
    } catch (e) {
      showError(out, e);
    }
  });
}

// ---------------------------------------------------------------- start
async function start() {
  const slider = $('#year');
  const label = $('#year-label');
  slider.addEventListener('input', () => { state.year = Number(slider.value); label.textContent = slider.value; render(); });
  for (const b of document.querySelectorAll('nav button')) b.addEventListener('click', () => setView(b.dataset.view));
  for (const th of document.querySelectorAll('#opp-table th')) th.addEventListener('click', () => {
    const k = th.dataset.key;
    state.oppSort = { key: k, asc: state.oppSort.key === k ? !state.oppSort.asc : k === 'rank' || k === 'pair' };
    drawOppTable();
  });
  const [states, health] = await Promise.all([api('/api/states'), api('/api/health')]);
  for (const s of states) state.states.set(s.ccode, s);
  $('#record-sha').textContent = `${health.curated_record.records} records, sha256 ${health.curated_record.sha256.slice(0, 12)}…`;
  state.year = Number(slider.value);
  await setupSimulation();
  await render();
  document.body.dataset.ready = 'true';
}

start().catch((e) => showError($('main'), e));
