// One line chart for every view: series over x, missing values as gaps (never 0), optional 95%
// bands, event markers; the style tokens' series colours; a data table behind it.

import { h, s, fmt, dataTable, behind, tools } from './core.js';

/**
 * The width to draw a chart at, in SVG units: the width of one column of `within` (a `.charts`
 * grid: two columns on a wide screen, one otherwise), so that the chart is shown at about one unit
 * to the pixel and its text keeps its size on every screen. Between 300 and 680; 680 when the
 * container is not laid out (a hidden tab).
 */
export function chartWidth(within) {
  const box = within && within.clientWidth;
  if (!box) return 680;
  const cs = getComputedStyle(within);
  const cols = cs.display === 'grid' ? cs.gridTemplateColumns.split(' ').filter(Boolean).length : 1;
  const gap = parseFloat(cs.columnGap) || 0;
  const inner = box - (parseFloat(cs.paddingLeft) || 0) - (parseFloat(cs.paddingRight) || 0);
  return Math.round(Math.max(300, Math.min(680, (inner - gap * (cols - 1)) / cols)));
}

/**
 * `series`: [{ name, points: [[x, y, lo?, hi?]] }]; `within`: the element the chart goes into (its
 * width sets the chart's, `chartWidth`). Returns a figure element with the chart, its legend, the
 * source, the tools and the data table.
 */
export function lineChart({ title, series, events = [], source, name, xLabel = 'Year', yLabel = '', invert = false, digits = 2, testid = 'trend-chart', within = null }) {
  const svg = s('svg', { class: 'chart line-chart', role: 'img', 'aria-label': `${title} (the data table below lists the values)`, 'data-testid': testid });
  const xs = series.flatMap((se) => se.points.map((p) => p[0]));
  const ys = series.flatMap((se) => se.points.flatMap((p) => [p[1], p[2], p[3]])).filter((v) => v != null && Number.isFinite(v));
  const box = h('figure', { class: 'chart-figure' }, h('figcaption', { class: 'chart-title', text: title }));
  if (!xs.length || !ys.length) {
    box.append(h('p', { class: 'notice', text: 'No values to draw.' }));
    return box;
  }
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const shownEvents = events.filter(([ey]) => ey >= x0 && ey <= x1);
  // Draws the chart at width w (SVG units) into the same svg element, so the download tools keep it.
  const draw = (w) => {
    svg.replaceChildren();
    const hh = Math.round(Math.max(220, Math.min(280, w * 0.42))), L = 48, R = 16, T = 24, B = 34;
    svg.setAttribute('viewBox', `0 0 ${w} ${hh}`);
    let [y0, y1] = [Math.min(0, ...ys), Math.max(...ys)];
    if (y1 === y0) y1 = y0 + 1;
    const X = (x) => L + ((x - x0) / Math.max(x1 - x0, 1e-9)) * (w - L - R);
    const Y = (y) => (invert ? T + ((y - y0) / (y1 - y0)) * (hh - T - B) : hh - B - ((y - y0) / (y1 - y0)) * (hh - T - B));
    // Round ticks: 1, 2 or 5 times a power of ten, four to eight of them; the axis ends on one.
    const raw = (y1 - y0) / 5;
    const mag = 10 ** Math.floor(Math.log10(raw));
    const tick = [1, 2, 5, 10].map((m) => m * mag).find((t) => (y1 - y0) / t <= 6);
    y0 = Math.floor(y0 / tick) * tick;
    y1 = Math.ceil(y1 / tick) * tick;
    for (let v = y0; v <= y1 + tick / 2; v += tick) {
      s('line', { x1: L, x2: w - R, y1: Y(v), y2: Y(v), class: 'grid' }, svg);
      const t = s('text', { x: L - 6, y: Y(v) + 4, 'text-anchor': 'end', class: 'tick' }, svg);
      t.textContent = Number(v.toFixed(6)).toLocaleString('en');
    }
    // Year labels at least about 50 units apart: every 10 years on a narrow chart of a long span.
    const span = x1 - x0;
    const room = (w - L - R) / 50;
    const step = span > 2 ? [1, 5, 10, 20, 25, 50].find((k) => span / k <= room) || 50 : 0.25;
    for (let x = Math.ceil(x0 / step) * step; x <= x1 + 1e-9; x += step) {
      const t = s('text', { x: X(x), y: hh - B + 16, 'text-anchor': 'middle', class: 'tick' }, svg);
      t.textContent = Number(x.toFixed(2));
    }
    s('line', { x1: L, x2: w - R, y1: hh - B, y2: hh - B, class: 'axis' }, svg);
    const xt = s('text', { x: w - R, y: hh - 4, 'text-anchor': 'end', class: 'tick' }, svg);
    xt.textContent = xLabel;
    if (yLabel) { const yt = s('text', { x: 4, y: 12, class: 'tick' }, svg); yt.textContent = yLabel; }
    // Events: a dashed line labelled with its year, each label on the first of two rows where it
    // clears the labels before it; a label with no room is left out (the caption names every event).
    const ends = [-Infinity, -Infinity];
    shownEvents.forEach(([ey, label]) => {
      const line = s('line', { x1: X(ey), x2: X(ey), y1: T + 4, y2: hh - B, class: 'event' }, svg);
      s('title', {}, line).textContent = label;
      const right = X(ey) > w - R - 16;
      const half = 18; // half a four-digit year at the tick size, with some air
      const [lo, hi] = right ? [X(ey) + 2 - 2 * half, X(ey) + 2] : [X(ey) - half, X(ey) + half];
      const row = ends.findIndex((end) => lo > end);
      if (row < 0) return;
      ends[row] = hi;
      const t = s('text', { x: X(ey) + (right ? 2 : 0), y: T - 2 + row * 14, 'text-anchor': right ? 'end' : 'middle', class: 'event-label' }, svg);
      t.textContent = ey;
    });
    series.forEach((se, i) => {
      const color = `var(--${se.token || `series-${i % 6}`})`;
      const band = se.points.filter((p) => p[2] != null && p[3] != null);
      if (band.length > 1) {
        const d = band.map((p, j) => `${j ? 'L' : 'M'}${X(p[0]).toFixed(1)},${Y(p[3]).toFixed(1)}`).join('') +
          [...band].reverse().map((p) => `L${X(p[0]).toFixed(1)},${Y(p[2]).toFixed(1)}`).join('') + 'Z';
        s('path', { d, class: 'band', style: `fill: ${color}` }, svg);
      }
      // A gap where a value is missing.
      let d = '', pen = false;
      for (const p of se.points) {
        if (p[1] == null || !Number.isFinite(p[1])) { pen = false; continue; }
        d += `${pen ? 'L' : 'M'}${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`;
        pen = true;
      }
      s('path', { d, class: 'series', style: `stroke: ${color}` }, svg);
      for (const p of se.points) if (p[1] != null && se.points.length <= 12) s('circle', { cx: X(p[0]), cy: Y(p[1]), r: 3, style: `fill: ${color}` }, svg);
    });
  };
  let drawnAt = chartWidth(within);
  draw(drawnAt);
  // Drawn again when its column's width changes (a window resized, a phone turned), so that its text
  // keeps its size; the observer ends once the chart has left the page.
  if (within && typeof ResizeObserver !== 'undefined') {
    const watch = new ResizeObserver(() => {
      if (!box.isConnected) { watch.disconnect(); return; }
      const now = chartWidth(within);
      if (Math.abs(now - drawnAt) >= 8) { drawnAt = now; draw(now); }
    });
    watch.observe(within);
  }
  const legend = h('ul', { class: 'legend' }, series.map((se, i) => h('li', {}, h('span', { class: 'swatch line', style: `--c: var(--${se.token || `series-${i % 6}`})`, 'aria-hidden': 'true' }), se.name)));
  const cols = [['x', xLabel, true], ...series.map((se, i) => [`s${i}`, se.name, true])];
  const byX = new Map();
  series.forEach((se, i) => se.points.forEach((p) => { if (!byX.has(p[0])) byX.set(p[0], { x: p[0], x_shown: String(p[0]) }); const r = byX.get(p[0]); r[`s${i}`] = p[1]; r[`s${i}_shown`] = p[1] == null ? 'missing' : fmt(p[1], digits) + (p[2] != null ? ` (${fmt(p[2], digits)} to ${fmt(p[3], digits)})` : ''); }));
  const table = dataTable(cols, [...byX.values()].sort((a, b) => a.x - b.x), { caption: title });
  box.append(svg, legend);
  const eventText = shownEvents.length ? `Dashed lines: ${shownEvents.map(([y, l]) => `${y}, ${l}`).join('; ')}. ` : '';
  if (source || eventText) box.append(h('p', { class: 'source', text: `${eventText}${source || ''}` }));
  box.append(tools(name || 'chart', { table, svg }), behind(table));
  return box;
}
