// Shared by every view: the app's state and its URL, the API client, panels with loading, stale and
// error states, small DOM and SVG helpers, categories and their colours (the style tokens of
// entente-style, served at /style/tokens.css), export (CSV, SVG) and the "cite this view" line.

export const SVG = 'http://www.w3.org/2000/svg';
export const YEARS = [1949, 2025];
export const US = 2;
export const CHALLENGERS = [710, 365, 731];

export const state = {
  view: 'network',
  year: 2024,
  params: new URLSearchParams(),
  states: new Map(),
  health: null,
};

// ---------------------------------------------------------------- URL state
const VIEWS = ['network', 'map', 'trends', 'opportunities', 'country', 'simulation'];

export function readUrl() {
  const u = new URL(location.href);
  const view = u.hash.replace('#', '');
  state.view = VIEWS.includes(view) ? view : 'network';
  const y = Number(u.searchParams.get('year'));
  state.year = Number.isInteger(y) && y >= YEARS[0] && y <= YEARS[1] ? y : 2024;
  state.params = u.searchParams;
}

/** Writes the state to the URL: `push` for a new view (back returns to the last), else replace. */
export function writeUrl(push = false) {
  const p = new URLSearchParams(state.params);
  p.set('year', state.year);
  const url = `${location.pathname}?${p}#${state.view}`;
  if (url === `${location.pathname}${location.search}${location.hash}`) return;
  if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
}

export function setParam(k, v) {
  if (v == null || v === '') state.params.delete(k); else state.params.set(k, v);
  writeUrl();
}

// ---------------------------------------------------------------- API
const cache = new Map();

export class ApiError extends Error {}

/**
 * GETs a JSON answer; errors are one plain line (the server's own message, or what went wrong).
 * Answers are kept (as promises, so two views asking at once share one request); a failed or
 * aborted request is forgotten, so a retry asks again.
 */
export function api(path, { signal } = {}) {
  if (!cache.has(path)) {
    const p = get(path).catch((e) => { cache.delete(path); throw e; });
    cache.set(path, p);
  }
  const p = cache.get(path);
  if (!signal) return p;
  // The caller's abort stops its wait, not the shared request.
  return new Promise((ok, no) => {
    if (signal.aborted) { no(new DOMException('aborted', 'AbortError')); return; }
    signal.addEventListener('abort', () => no(new DOMException('aborted', 'AbortError')), { once: true });
    p.then(ok, no);
  });
}

async function get(path) {
  let res;
  try {
    res = await fetch(path);
  } catch (e) {
    throw new ApiError('The server did not answer: is `entente serve` still running?');
  }
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) throw new ApiError((body && body.error) || `The server answered ${res.status} ${res.statusText}.`);
  if (body == null) throw new ApiError('The server sent an answer that is not JSON.');
  return body;
}

// ---------------------------------------------------------------- DOM
export const $ = (s, el = document) => el.querySelector(s);
export const $$ = (s, el = document) => [...el.querySelectorAll(s)];

export function h(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k != null) e.append(k);
  return e;
}

export function s(tag, attrs = {}, parent) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

export const fmt = (v, d = 2) => (v == null || Number.isNaN(v) ? '—' : Number(v).toFixed(d));
export const pct = (v) => (v == null ? '—' : `${Math.round(v * 100)}%`);
export const nameOf = (c) => state.states.get(c)?.name ?? String(c);
export const isoOf = (c) => { const x = state.states.get(c); return x ? x.iso3 || x.cow_abb : String(c); };

export function debounce(fn, ms) {
  let t;
  return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
}

/** Announces a short message to screen readers (the one live region). */
export function announce(msg) { const r = $('#live'); if (r) r.textContent = msg; }

// ---------------------------------------------------------------- panels
/**
 * A panel's lifecycle: `load(render)` marks its values stale and shows "Loading…", aborts the
 * previous request, runs `render(signal)`, and on failure shows the error in the panel with a
 * Retry button. A panel's failure never touches another panel.
 */
export function panel(root) {
  let ctl = null;
  let status = root.querySelector(':scope > .status');
  if (!status) {
    status = h('div', { class: 'status', role: 'status' });
    root.prepend(status);
  }
  const api = {
    root,
    async load(render, what = 'Loading') {
      ctl?.abort();
      ctl = new AbortController();
      const my = ctl;
      root.classList.add('stale');
      root.setAttribute('aria-busy', 'true');
      status.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), ` ${what}…`);
      status.hidden = false;
      try {
        await render(my.signal);
        if (my.signal.aborted) return;
        root.classList.remove('stale', 'failed');
        status.hidden = true;
        status.replaceChildren();
      } catch (e) {
        if (e.name === 'AbortError' || my.signal.aborted) return;
        root.classList.remove('stale');
        root.classList.add('failed');
        status.hidden = false;
        status.replaceChildren(
          h('span', { class: 'error', 'data-testid': 'panel-error', text: String(e.message || e) }), ' ',
          h('button', { type: 'button', class: 'retry', 'data-testid': 'retry', onclick: () => api.load(render, what) }, 'Retry'),
        );
        announce(`Error: ${e.message || e}`);
      } finally {
        if (ctl === my) root.removeAttribute('aria-busy');
      }
    },
  };
  return api;
}

// ---------------------------------------------------------------- categories and colours
export const NODE_CATS = [
  ['us', 'node-us', 'United States'],
  ['nato', 'node-nato', 'NATO allies (Europe)'],
  ['eu-partner', 'node-eu-partner', 'European partners outside NATO'],
  ['eap', 'node-eap', 'US treaty allies (East Asia & Pacific)'],
  ['ip-partner', 'node-ip-partner', 'Indo-Pacific partners'],
  ['challenger', 'node-challenger', 'Challengers (China, Russia, North Korea)'],
  ['other', 'node-other', 'Other states'],
];
export const TIE_CATS = {
  defence_treaty: ['tie-treaty', 'Defence treaty'],
  defence_cooperation: ['tie-cooperation', 'Defence cooperation'],
  access_agreement: ['tie-access', 'Access / status of forces'],
  partnership: ['tie-partnership', 'Partnership'],
  exercise: ['tie-exercise', 'Exercise or joint patrol'],
  arms_industrial: ['tie-arms', 'Arms programme or deal'],
  arms_deal: ['tie-arms', 'Arms programme or deal'],
  framework: ['tie-framework', 'Framework (organisation–partner)'],
};
export const tieToken = (t) => (t.scope === 'framework' ? 'tie-framework' : (TIE_CATS[t.kind] || TIE_CATS.framework)[0]);
export const tieLabel = (t) => (t.scope === 'framework' ? TIE_CATS.framework[1] : (TIE_CATS[t.kind] || ['', t.kind])[1]);

/** The year's blocs, from the alliances and the headline. */
export function categoriser(alliances, eapAllies) {
  const nato = alliances.find((a) => a.id === 'nato');
  const natoSet = new Set(nato ? nato.members.map((m) => m.ccode) : []);
  const eap = new Set(eapAllies);
  return (c) => {
    if (c === US) return 'us';
    if (CHALLENGERS.includes(c)) return 'challenger';
    if (natoSet.has(c)) return 'nato';
    if (eap.has(c)) return 'eap';
    const g = state.states.get(c)?.group;
    if (g === 'Europe') return 'eu-partner';
    if (g === 'East Asia & Pacific') return 'ip-partner';
    return 'other';
  };
}

/** The year's US treaty allies in East Asia & Pacific, as the server counts them. */
export function eapAllies(alliances) {
  const out = new Set();
  for (const a of alliances) {
    const codes = a.members.map((m) => m.ccode);
    if (a.id === 'nato' || !codes.includes(US)) continue;
    const usa = a.members.find((m) => m.ccode === US).iso3;
    const suspended = new Set((a.suspended_pairs || []).filter((p) => p.includes(usa)).flat());
    for (const m of a.members) {
      if (m.ccode !== US && !suspended.has(m.iso3) && state.states.get(m.ccode)?.group === 'East Asia & Pacific') out.add(m.ccode);
    }
  }
  return [...out];
}

/** The kinds of tie, in legend order: [token, label, line]. */
export const TIE_LEGEND = [
  ['tie-treaty', 'Defence treaty'], ['tie-cooperation', 'Defence cooperation'], ['tie-access', 'Access / status of forces'],
  ['tie-partnership', 'Partnership'], ['tie-exercise', 'Exercise or joint patrol'], ['tie-arms', 'Arms programme or deal'],
  ['tie-framework', 'Framework (NATO or EU and a partner)'],
].map(([t, l]) => [t, l, true]);

export function legend(items, testid) {
  return h('ul', { class: 'legend', 'data-testid': testid },
    items.map(([token, label, line]) => h('li', {},
      h('span', { class: line ? 'swatch line' : 'swatch', style: `--c: var(--${token})`, 'aria-hidden': 'true' }), label)));
}

// ---------------------------------------------------------------- export and citation
function download(name, type, text) {
  const href = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href, download: name, hidden: '', 'aria-hidden': 'true' });
  // The link exists only for the click: left in the page, it would be an unnamed link to screen
  // readers (and to axe-core) until removed.
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}

const csvCell = (v) => { const t = v == null ? '' : String(v); return /[",\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t; };

export function tableCsv(table) {
  return $$('tr', table).filter((r) => !r.classList.contains('detail'))
    .map((r) => $$('th,td', r).map((c) => csvCell(c.dataset.value ?? c.textContent.trim())).join(',')).join('\n') + '\n';
}

/** A standalone SVG: the custom properties resolved to colours, with the citation as a comment. */
export function svgText(svg) {
  const copy = svg.cloneNode(true);
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [copy, ...copy.querySelectorAll('*')];
  src.forEach((e, i) => {
    const cs = getComputedStyle(e);
    for (const p of ['fill', 'stroke', 'stroke-width', 'stroke-opacity', 'fill-opacity', 'opacity', 'font-size', 'font-family', 'font-weight']) {
      const v = cs.getPropertyValue(p);
      if (v) dst[i].style.setProperty(p, v);
    }
  });
  copy.setAttribute('xmlns', SVG);
  return `<?xml version="1.0" encoding="utf-8"?>\n<!-- ${citation()} -->\n${new XMLSerializer().serializeToString(copy)}\n`;
}

export function citation() {
  const hl = state.health;
  const sha = hl ? hl.curated_record.sha256 : 'unknown';
  const today = new Date().toISOString().slice(0, 10);
  return `Entente ${hl ? hl.entente_version : ''} dashboard, ${state.view} view, ${state.year}; curated record sha256 ${sha}; ${location.href} (accessed ${today}).`;
}

/** The tools under a chart or table: export and "cite this view". */
export function tools(name, { table, svg } = {}) {
  const bar = h('div', { class: 'tools' });
  if (table) bar.append(h('button', { type: 'button', 'data-testid': 'export-csv', onclick: () => download(`${name}-${state.year}.csv`, 'text/csv', `# ${citation()}\n${tableCsv(typeof table === 'function' ? table() : table)}`) }, 'Download CSV'));
  if (svg) bar.append(h('button', { type: 'button', 'data-testid': 'export-svg', onclick: () => download(`${name}-${state.year}.svg`, 'image/svg+xml', svgText(typeof svg === 'function' ? svg() : svg)) }, 'Download SVG'));
  bar.append(h('button', { type: 'button', 'data-testid': 'cite', onclick: (ev) => {
    const box = ev.target.parentElement.querySelector('.cite') || h('p', { class: 'cite', 'data-testid': 'cite-text' });
    box.textContent = `Cite this view: ${citation()}`;
    ev.target.parentElement.append(box);
    navigator.clipboard?.writeText(box.textContent).catch(() => {});
  } }, 'Cite this view'));
  return bar;
}

/** A data table: `cols` are [key, label, numeric?]; rows are objects. Sortable from the keyboard. */
export function dataTable(cols, rows, { testid, caption, onRow, sort } = {}) {
  const st = { key: sort?.key ?? null, asc: sort?.asc ?? true };
  const table = h('table', { 'data-testid': testid });
  if (caption) table.append(h('caption', { text: caption }));
  const thead = h('thead');
  const tbody = h('tbody');
  const hr = h('tr');
  for (const [key, label, num] of cols) {
    const th = h('th', { scope: 'col', 'data-key': key, class: num ? 'num' : null });
    const b = h('button', { type: 'button', class: 'sort', onclick: () => { st.asc = st.key === key ? !st.asc : !num; st.key = key; draw(); } }, label, h('span', { class: 'arrow', 'aria-hidden': 'true' }));
    th.append(b);
    hr.append(th);
  }
  thead.append(hr);
  table.append(thead, tbody);
  const val = (r, k) => r[k];
  function draw() {
    const rs = [...rows];
    if (st.key) rs.sort((a, b) => {
      const x = val(a, st.key), y = val(b, st.key);
      const c = x == null ? 1 : y == null ? -1 : typeof x === 'string' ? x.localeCompare(y) : x - y;
      return (x == null || y == null) ? c : st.asc ? c : -c;
    });
    for (const th of $$('th', hr)) {
      const on = th.dataset.key === st.key;
      if (on) th.setAttribute('aria-sort', st.asc ? 'ascending' : 'descending'); else th.removeAttribute('aria-sort');
      th.querySelector('.arrow').textContent = on ? (st.asc ? ' ▴' : ' ▾') : '';
    }
    tbody.replaceChildren(...rs.map((r) => {
      const tr = h('tr', { 'data-testid': testid ? `${testid}-row` : null });
      for (const [key, , num] of cols) {
        const v = r[`${key}_shown`] ?? r[key];
        tr.append(h('td', { class: num ? 'num' : null, 'data-value': r[key] ?? '' }, typeof v === 'number' && num ? fmt(v) : v ?? '—'));
      }
      if (onRow) {
        tr.tabIndex = 0;
        tr.classList.add('clickable');
        tr.addEventListener('click', () => onRow(r, tr));
        tr.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); onRow(r, tr); } });
      }
      return tr;
    }));
  }
  draw();
  table.redraw = draw;
  return table;
}

/** A chart's data table, folded under it; `table` may be a function, called when first opened. */
export function behind(table, label = 'Data table') {
  const box = h('div', { class: 'scroll' });
  const d = h('details', { class: 'behind' }, h('summary', { text: label }), box);
  if (typeof table === 'function') d.addEventListener('toggle', () => { if (d.open && !box.firstChild) box.append(table()); });
  else box.append(table);
  return d;
}

/** A value built once, on first use. */
export function once(make) {
  let v;
  return () => (v ??= make());
}
