// The map: Pacific-centred (the left edge at 30° W, in the Atlantic), so the US spokes to Japan and
// Australia cross the Pacific and Europe–East Asia ties cross Eurasia; equirectangular, 80° N to 58° S.
// Coastlines: Natural Earth 1:110m land (public domain), committed and served at /land.json.

import {
  $, api, h, s, state, panel, categoriser, eapAllies, legend, NODE_CATS, tieToken, tieLabel, isoOf,
  nameOf, tools, dataTable, behind, US, CHALLENGERS, announce, TIE_LEGEND, once,
} from '../core.js';
import { showRecords } from '../detail.js';

const W = 1000, LON0 = -30, LAT0 = 80, LAT1 = -58;
const H = Math.round((W * (LAT0 - LAT1)) / 360);
const X = (lng) => ((((lng - LON0) % 360) + 360) % 360) / 360 * W;
const Y = (lat) => ((LAT0 - lat) / 360) * W;
// Labelled first, in this order, where there is room.
const PRIORITY = ['USA', 'CHN', 'RUS', 'PRK', 'JPN', 'KOR', 'AUS', 'PHL', 'THA', 'NZL', 'GBR', 'FRA', 'DEU', 'ITA', 'POL', 'TUR', 'CAN', 'SGP', 'IND', 'IDN', 'VNM', 'ESP', 'NOR', 'UKR'];

let map;

export function init(root) {
  const box = h('section', { class: 'panel', 'aria-labelledby': 'map-h' },
    h('h2', { id: 'map-h', class: 'panel-title' }, 'Where the ties run ', h('span', { class: 'for-year', 'data-testid': 'map-year' })),
    h('div', { class: 'chart-wrap' },
      h('div', { class: 'figure' }),
      h('aside', { class: 'detail', id: 'map-detail', 'data-testid': 'map-detail', hidden: true, tabindex: '-1' })));
  root.append(box);
  map = panel(box);
}

function ringPath(ring) {
  // Unwrapped: a ring that crosses the edge runs on past it, and is drawn again a map-width over.
  let prev = null;
  const pts = ring.map(([lng, lat]) => {
    let x = X(lng);
    if (prev != null) { while (x - prev > W / 2) x -= W; while (prev - x > W / 2) x += W; }
    prev = x;
    return [x, Y(lat)];
  });
  const d = (dx) => pts.map(([x, yy], i) => `${i ? 'L' : 'M'}${(x + dx).toFixed(1)},${yy.toFixed(1)}`).join('') + 'Z';
  const xs = pts.map((p) => p[0]);
  const out = [d(0)];
  if (Math.min(...xs) < 0) out.push(d(W));
  if (Math.max(...xs) > W) out.push(d(-W));
  return out;
}

export function render() {
  const y = state.year;
  map.load(async (signal) => {
    const [alliances, cross, ch, land] = await Promise.all([
      api(`/api/alliances?year=${y}`, { signal }),
      api(`/api/ties?between=europe&and=east-asia&year=${y}`, { signal }),
      api(`/api/ties?between=challengers&and=challengers&year=${y}`, { signal }),
      api('/land.json', { signal }),
    ]);
    draw(y, alliances, cross, ch, land);
  }, `Loading ${y}`);
}

function draw(y, alliances, cross, ch, land) {
  const eap = eapAllies(alliances);
  const cat = categoriser(alliances, eap);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'map-title', 'data-testid': 'map-svg', class: 'chart map' });
  s('title', { id: 'map-title' }, svg).textContent = `Map of the ties in force in ${y}, Pacific-centred`;
  const fig = $('#panel-map .figure');
  fig.replaceChildren(svg); // attached now: labels are measured as they are placed
  const clip = s('clipPath', { id: 'map-clip' }, s('defs', {}, svg));
  s('rect', { x: 0, y: 0, width: W, height: H }, clip);
  const body = s('g', { 'clip-path': 'url(#map-clip)' }, svg);
  s('rect', { x: 0, y: 0, width: W, height: H, class: 'sea' }, body);
  for (let lng = -180; lng < 180; lng += 30) s('line', { x1: X(lng), y1: 0, x2: X(lng), y2: H, class: 'graticule' }, body);
  for (let lat = -30; lat <= 60; lat += 30) s('line', { x1: 0, y1: Y(lat), x2: W, y2: Y(lat), class: 'graticule' }, body);
  let landPaths = 0;
  for (const f of land.features || []) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) for (const ring of poly) for (const d of ringPath(ring)) { s('path', { d, class: 'land' }, body); landPaths += 1; }
  }
  svg.dataset.land = landPaths;
  const pos = (c) => { const st = state.states.get(c); return st && st.lat != null ? [X(st.lng), Y(st.lat)] : null; };
  const detail = $('#map-detail');
  const ties = s('g', {}, body);
  let drawn = 0;
  const arc = (a, b, token, w, title, onclick) => {
    const p = pos(a), q = pos(b);
    if (!p || !q) return;
    // Across the Atlantic (the map's edge) only between Europe (or Africa) and the Americas: a
    // tie from the US to East Asia always crosses the Pacific.
    let qx = q[0];
    const west = (x) => x > 0.7 * W, east = (x) => x < 0.25 * W;
    if (west(p[0]) && east(q[0])) qx += W; else if (east(p[0]) && west(q[0])) qx -= W;
    const mx = (p[0] + qx) / 2, my = Math.min(p[1], q[1]) - Math.abs(p[0] - qx) * 0.12;
    for (const dx of [0, qx !== q[0] ? (qx < q[0] ? W : -W) : null].filter((v) => v != null)) {
      const g = s('g', { class: 'tie clickable' }, ties);
      const d = `M${p[0] + dx},${p[1]} Q${mx + dx},${my} ${qx + dx},${q[1]}`;
      s('path', { d, class: 'hit' }, g);
      s('path', { d, class: 'stroke', style: `stroke: var(--${token}); stroke-width: ${w}` }, g);
      s('title', {}, g).textContent = title;
      g.addEventListener('click', onclick);
    }
    drawn += 1;
  };
  const open = (a, b) => showRecords(detail, `state=${isoOf(a)}&other=${isoOf(b)}&year=${y}`, `${nameOf(a)} – ${nameOf(b)}, ${y}`);
  for (const c of eap) arc(US, c, 'tie-treaty', 2, `US–${isoOf(c)}: defence treaty`, () => open(US, c));
  const seen = new Set();
  for (const t of cross) {
    const k = `${t.a_ccode}|${t.b_ccode}`;
    if (t.scope === 'framework' || seen.has(k)) continue;
    seen.add(k);
    const all = cross.filter((u) => u.a_ccode === t.a_ccode && u.b_ccode === t.b_ccode && u.scope !== 'framework');
    arc(t.a_ccode, t.b_ccode, tieToken(t), 1.1, `${t.a}–${t.b}: ${all.map((u) => `${u.name} (${tieLabel(u).toLowerCase()})`).join('; ')}`, () => open(t.a_ccode, t.b_ccode));
  }
  for (const t of ch) arc(t.a_ccode, t.b_ccode, tieToken(t), 1.4, `${t.a}–${t.b}: ${t.name} (${tieLabel(t).toLowerCase()})`, () => open(t.a_ccode, t.b_ccode));
  svg.dataset.ties = drawn;
  const nato = (alliances.find((a) => a.id === 'nato')?.members ?? []).map((m) => m.ccode);
  const shown = new Set([US, ...nato, ...eap, ...CHALLENGERS]);
  for (const t of cross) if (t.scope !== 'framework') { shown.add(t.a_ccode); shown.add(t.b_ccode); }
  const dots = s('g', {}, body);
  const placed = [];
  const labels = s('g', { class: 'map-labels' }, body);
  const order = [...shown].sort((a, b) => {
    const ia = PRIORITY.indexOf(isoOf(a)), ib = PRIORITY.indexOf(isoOf(b));
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  let located = 0;
  for (const c of order) {
    const p = pos(c);
    if (!p) continue;
    located += 1;
    const dot = s('circle', { cx: p[0], cy: p[1], r: c === US ? 5 : 3.5, class: 'capital clickable', style: `fill: var(--node-${cat(c)})` }, dots);
    s('title', {}, dot).textContent = nameOf(c);
    dot.addEventListener('click', () => showRecords(detail, `state=${isoOf(c)}&year=${y}`, `${nameOf(c)} in ${y}`));
    // A label where it does not collide with one already placed (greedy, by priority).
    const t = s('text', { x: p[0] + 6, y: p[1] + 4, class: 'map-label' }, labels);
    t.textContent = isoOf(c);
    const b = t.getBBox();
    if (b.x + b.width > W || placed.some((q) => b.x < q.x + q.width + 2 && q.x < b.x + b.width + 2 && b.y < q.y + q.height && q.y < b.y + b.height)) t.remove();
    else placed.push(b);
  }
  const msgs = [];
  if (!located) msgs.push(h('p', { class: 'notice', 'data-testid': 'map-no-coordinates' }, 'No capitals to place: this server has no data directory, so the capitals (peacesciencer\'s list) are unavailable and the ties cannot be drawn on the map. Run `entente data fetch` and start the server with --data-dir; the network view and its table show the same ties.'));
  if (!landPaths) msgs.push(h('p', { class: 'notice', text: 'No coastlines in this build.' }));
  const rows = [...seen].map((k) => { const [a, b] = k.split('|').map(Number); return { pair: `${isoOf(a)}–${isoOf(b)}`, a, b, records: cross.filter((u) => u.a_ccode === a && u.b_ccode === b && u.scope !== 'framework').length, located: pos(a) && pos(b) ? 'yes' : 'no' }; });
  const table = once(() => dataTable([['pair', 'Pair'], ['records', 'Records', true], ['located', 'On the map']], rows, { testid: 'map-table', caption: `European–East Asian pairs with ties in ${y}`, onRow: (r) => open(r.a, r.b) }));
  fig.append(...msgs,
    legend([...NODE_CATS.filter(([k]) => k !== 'other').map(([, t, l]) => [t, l]), ...TIE_LEGEND.filter(([t]) => t !== 'tie-framework')], 'map-legend'),
    h('p', { class: 'source' }, 'Pacific-centred equirectangular projection. Capitals: peacesciencer\'s capital list; ties: Entente\'s curated record; coastlines: Natural Earth 1:110m land (public domain). Hover a line for its ties, click it for the records. Frameworks (NATO or EU and a partner) are not drawn here: see the network.'),
    tools('map', { table, svg }), behind(table, `Data table: ${rows.length} pairs`));
  $('[data-testid=map-year]').textContent = `in ${y}`;
  announce(`Map for ${y}: ${drawn} ties`);
}
