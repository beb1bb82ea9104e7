// Trends: the record's counts and the network measures year by year, with their definitions.

import { $, api, h, panel } from '../core.js';
import { lineChart } from '../chart.js';

const EVENTS = [[1999, 'NATO enlarges by three'], [2004, 'NATO enlarges by seven'], [2014, 'Russia annexes Crimea'], [2022, 'Russia invades Ukraine'], [2024, 'Sweden joins NATO; Russia–North Korea treaty']];
let rec, net;

export function init(root) {
  const a = h('section', { class: 'panel', 'aria-labelledby': 'tr-rec-h' }, h('h2', { id: 'tr-rec-h', class: 'panel-title', text: 'Ties over time (the curated record)' }), h('div', { class: 'charts', id: 'trend-record' }));
  const b = h('section', { class: 'panel', 'aria-labelledby': 'tr-net-h' }, h('h2', { id: 'tr-net-h', class: 'panel-title', text: 'How the two alliance systems connect (network measures)' }), h('div', { class: 'charts', id: 'trend-network' }));
  root.append(a, b);
  rec = panel(a);
  net = panel(b);
}

export function render() {
  rec.load(async (signal) => {
    const [cross, ch] = await Promise.all([
      api('/api/ties?between=europe&and=east-asia', { signal }),
      api('/api/ties?between=challengers&and=challengers', { signal }),
    ]);
    const years = Array.from({ length: 2025 - 1949 + 1 }, (_, i) => 1949 + i);
    const active = (t, y) => t.start && Number(t.start.slice(0, 4)) <= y && (!t.end || Number(t.end.slice(0, 4)) >= y);
    // A series of one kind of tie takes that kind's colour, as on the network and the map.
    const kinds = [['access_agreement', 'access / status of forces', 'tie-access'], ['defence_cooperation', 'defence cooperation', 'tie-cooperation'], ['partnership', 'partnership', 'tie-partnership']];
    const byKind = kinds.map(([k, name, token]) => ({ name, token, points: years.map((y) => [y, new Set(cross.filter((t) => t.kind === k && t.scope !== 'framework' && active(t, y)).map((t) => `${t.a}-${t.b}`)).size]) }));
    const exercises = years.map((y) => [y, new Set(ch.filter((t) => t.kind === 'exercise' && Number(t.start.slice(0, 4)) === y).map((t) => t.name)).size]);
    const treaties = years.map((y) => [y, ch.filter((t) => t.kind !== 'exercise' && active(t, y)).length]);
    $('#trend-record').replaceChildren(
      lineChart({ title: 'European–East Asian pairs tied, by kind of tie', series: byKind, events: EVENTS, name: 'pairs-by-kind', digits: 0, source: 'Distinct pairs with a record of the kind in force (frameworks left out). Source: Entente\'s curated record.', within: $('#trend-record') }),
      lineChart({ title: 'Sino-Russian (and North Korean) alignment', series: [{ name: 'joint exercises and patrols started', points: exercises }, { name: 'treaty, partnership and arms ties in force', points: treaties }], events: EVENTS, name: 'challengers', digits: 0, source: 'Source: Entente\'s curated record (the challengers\' ties).', within: $('#trend-record') }),
    );
  }, 'Loading the record\'s ties');
  net.load(async (signal) => {
    const names = ['europe_eap_pairs', 'europe_eap_pairs_excluding_frameworks', 'us_brokerage', 'hub_dependence_treaty', 'cross_tie_strength', 'ei_union', 'sr_alignment', 'sr_ties', 'sr_exercises', 'sr_arms', 'sr_un'];
    const t = await api(`/api/trends?measure=${names.join(',')}`, { signal });
    const s = (k, name) => ({ name: name || k, points: t.rows.map((r) => [r.year, r[k]]) });
    const about = (ks) => ks.map((k) => `${k}: ${t.measures[k]}`).join('. ');
    $('#trend-network').replaceChildren(
      lineChart({ title: 'European–East Asian pairs tied, by year (distinct pairs)', series: [s('europe_eap_pairs', 'pairs tied (any record)'), s('europe_eap_pairs_excluding_frameworks', 'without NATO/EU frameworks')], events: EVENTS, name: 'pairs', digits: 0, source: `The brief's count. Source: Entente's curated record.`, within: $('#trend-network') }),
      lineChart({ title: 'How the two alliance systems connect', series: [s('us_brokerage', 'US share of shortest paths'), s('hub_dependence_treaty', 'hub dependence (defence treaties)'), s('cross_tie_strength', 'direct-tie strength'), s('ei_union', 'E–I index')], events: EVENTS, name: 'connect', source: `${about(['us_brokerage', 'hub_dependence_treaty', 'cross_tie_strength', 'ei_union'])}. Missing where undefined (no allies to connect). Source: Entente networks (ATOP to 2018, carried forward, and the curated record; docs/networks.md).`, within: $('#trend-network') }),
      lineChart({ title: 'Sino-Russian alignment index and its components', series: [s('sr_alignment', 'index'), s('sr_ties', 'ties'), s('sr_exercises', 'exercises'), s('sr_arms', 'Russia→China arms'), s('sr_un', 'UN closeness')], events: EVENTS, name: 'alignment', source: `${t.measures.sr_alignment}. Sources: curated record, SIPRI arms transfers, UNGA ideal points (docs/networks.md).`, within: $('#trend-network') }),
    );
  }, 'Loading the network measures');
}
