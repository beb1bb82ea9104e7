// Entente's dashboard: our own ES modules, no third-party code. It reads the JSON API of
// `entente serve` and draws SVG. This module starts the app: the tabs, the year slider (debounced,
// hidden where the year changes nothing), the state in the URL, and the no-data notice.

import { $, $$, api, h, state, readUrl, writeUrl, debounce, announce } from './core.js';
import * as network from './views/network.js';
import * as map from './views/map.js';
import * as trends from './views/trends.js';
import * as opportunities from './views/opportunities.js';
import * as country from './views/country.js';
import * as simulation from './views/simulation.js';

const VIEWS = { network, map, trends, opportunities, country, simulation };
// Views the year changes; the slider is hidden on the others.
const BY_YEAR = new Set(['network', 'map', 'opportunities']);
const drawn = new Map(); // view -> the year it was last drawn for

function show(view, push = true) {
  if (!VIEWS[view]) view = 'network';
  state.view = view;
  for (const t of $$('[role=tab]')) {
    const on = t.dataset.view === view;
    t.setAttribute('aria-selected', on ? 'true' : 'false');
    t.tabIndex = on ? 0 : -1;
  }
  for (const p of $$('[role=tabpanel]')) p.hidden = p.id !== `panel-${view}`;
  $('#year-box').hidden = !BY_YEAR.has(view);
  writeUrl(push);
  draw();
}

function draw() {
  const v = state.view;
  const key = BY_YEAR.has(v) ? state.year : v === 'country' ? state.params.get('state') : 'once';
  if (drawn.get(v) === key) return;
  drawn.set(v, key);
  VIEWS[v].render();
}

function setYear(y, now = false) {
  state.year = y;
  $('#year').value = y;
  $('#year-label').textContent = y;
  writeUrl();
  if (now) draw(); else redraw();
}
const redraw = debounce(draw, 250);

async function start() {
  readUrl();
  for (const [name, v] of Object.entries(VIEWS)) v.init($(`#panel-${name}`));
  const slider = $('#year');
  slider.value = state.year;
  $('#year-label').textContent = state.year;
  slider.addEventListener('input', () => setYear(Number(slider.value)));
  slider.addEventListener('change', () => setYear(Number(slider.value), true));
  document.addEventListener('entente:year', (e) => setYear(e.detail, true));
  document.addEventListener('entente:view', (e) => { drawn.delete(e.detail); show(e.detail); });
  const tabs = $$('[role=tab]');
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => show(t.dataset.view));
    t.addEventListener('keydown', (ev) => {
      const k = { ArrowRight: 1, ArrowLeft: -1, Home: -i, End: tabs.length - 1 - i }[ev.key];
      if (k == null) return;
      ev.preventDefault();
      const next = tabs[(i + k + tabs.length) % tabs.length];
      next.focus();
      show(next.dataset.view);
    });
  });
  window.addEventListener('popstate', () => { readUrl(); $('#year').value = state.year; $('#year-label').textContent = state.year; show(state.view, false); });
  VIEWS[state.view].prefetch?.();
  try {
    const [states, health] = await Promise.all([api('/api/states'), api('/api/health')]);
    for (const x of states) state.states.set(x.ccode, x);
    state.health = health;
    $('#record-sha').textContent = `curated record: ${health.curated_record.records} records, sha256 ${health.curated_record.sha256}`;
    if (health.degraded.length) {
      $('#degraded').hidden = false;
      $('#degraded').replaceChildren(h('strong', {}, 'Running without a data directory. '),
        `These views need datasets and say so where they would show numbers: ${health.degraded.map((d) => d.view).join('; ')}. ${health.degraded[0].why}.`);
    }
  } catch (e) {
    $('#degraded').hidden = false;
    $('#degraded').textContent = `The dashboard could not start: ${e.message}`;
    $('#degraded').append(' ', h('button', { type: 'button', onclick: () => location.reload() }, 'Retry'));
    announce(e.message);
    return;
  }
  show(state.view, false);
  document.body.dataset.ready = 'true';
  // The first view drawn: the figure the end-to-end test reports as the first load's time.
  const first = $(`#panel-${state.view}`);
  const done = () => !first.querySelector('[aria-busy=true]');
  const mark = () => { if (done()) performance.mark('entente-drawn'); else setTimeout(mark, 10); };
  mark();
}

start();
