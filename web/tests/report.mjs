// The HTML report (`entente brief --out DIR`) in headless Chromium (Debian's chromium, driven by
// playwright-core). Usage: node tests/report.mjs REPORT_HTML ARTIFACT_DIR [CHROMIUM]
// - screenshots at 1400, 800 and 390 px wide (full page), and no horizontal overflow at any width;
// - the network figure's node labels do not overlap (getBBox) and stay inside the figure;
// - under print emulation at A4 width, no text is set under 9 pt (12 CSS px), SVG text included
//   at its rendered scale;
// - prints the page to ARTIFACT_DIR/report.pdf (A4, the page's @page margins), for the caller to
//   check with poppler.
// Prints one line of JSON with the measured figures last; exits non-zero on the first failure.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [file, out = 'report-artifacts', exe = process.env.CHROMIUM || '/usr/bin/chromium'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tests/report.mjs REPORT_HTML ARTIFACT_DIR [CHROMIUM]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
let failures = 0;
// Every check runs (so that every screenshot and the PDF are written); failures are counted.
const check = (cond, msg) => { if (cond) { console.log(`ok   ${msg}`); } else { failures++; console.log(`FAIL ${msg}`); } };
const figures = {};

const browser = await chromium.launch({
  executablePath: exe,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) errors.push(`request ${r.url()}`); });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

  for (const width of [1400, 800, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `no horizontal overflow at ${width} px (scroll width exceeds the window by ${overflow} px)`);
    await page.screenshot({ path: `${out}/screen-${width}.png`, fullPage: true });
  }

  // Network labels: bounding boxes in the figure's own units.
  await page.setViewportSize({ width: 1400, height: 900 });
  const labels = await page.evaluate(() => {
    const svg = document.querySelector('svg.network');
    if (!svg) return null;
    const vb = svg.viewBox.baseVal;
    const boxes = [...svg.querySelectorAll('text.node-label')].map((t) => {
      const b = t.getBBox();
      return { text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height };
    });
    const nodes = [...svg.querySelectorAll('circle')].map((c) => {
      const b = c.getBBox();
      return { x: b.x, y: b.y, w: b.width, h: b.height };
    });
    const count = svg.querySelectorAll('.node').length;
    return { boxes, nodes, count, width: vb.width, height: vb.height };
  });
  if (!labels) throw new Error('no network figure');
  check(labels.boxes.length === labels.count, `every node of the network figure has a label (${labels.boxes.length} labels, ${labels.count} nodes)`);
  check(labels.boxes.length > 30, `the network figure has its node labels (${labels ? labels.boxes.length : 0})`);
  // Text boxes include the font's ascent and descent; two labels collide when their glyph boxes
  // overlap by more than 1 px each way.
  const overlaps = [];
  for (let i = 0; i < labels.boxes.length; i++) {
    for (let j = i + 1; j < labels.boxes.length; j++) {
      const a = labels.boxes[i], b = labels.boxes[j];
      const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (w > 1 && h > 1) overlaps.push(`${a.text}/${b.text}`);
    }
  }
  check(overlaps.length === 0, `no two node labels overlap (${overlaps.join(', ') || 'none'})`);
  const outside = labels.boxes.filter((b) => b.x < -0.5 || b.y < -0.5 || b.x + b.w > labels.width + 0.5 || b.y + b.h > labels.height + 0.5);
  check(outside.length === 0, `every node label is inside the figure (${outside.map((b) => b.text).join(', ') || 'all'})`);
  await page.locator('svg.network').screenshot({ path: `${out}/network.png` });
  figures.network_labels = labels.boxes.length;
  figures.label_overlaps = overlaps.length;

  // Print emulation at the A4 text width (180 mm = 680 px): the smallest rendered text.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 680, height: 1000 });
  const small = await page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const s = n.textContent.trim();
      if (!s) continue;
      const el = n.parentElement;
      if (!el || el.closest('title')) continue;
      const cs = getComputedStyle(el);
      if (cs.display === 'none' || cs.visibility === 'hidden') continue;
      let px = parseFloat(cs.fontSize);
      const svg = el.closest('svg');
      if (svg) {
        const vb = svg.viewBox.baseVal;
        const scale = vb && vb.width ? svg.getBoundingClientRect().width / vb.width : 1;
        px = parseFloat(el.getAttribute('font-size') || cs.fontSize) * scale;
      }
      out.push({ text: s.slice(0, 40), pt: px * 0.75 });
    }
    out.sort((a, b) => a.pt - b.pt);
    return out;
  });
  const min = small.length ? small[0].pt : 0;
  check(small.length > 100 && min >= 9 - 1e-6, `no text under 9 pt in print (smallest ${min.toFixed(2)} pt: "${small[0] && small[0].text}")`);
  figures.min_print_pt = +min.toFixed(2);
  figures.texts_checked = small.length;

  await page.pdf({ path: `${out}/report.pdf`, format: 'A4', preferCSSPageSize: true, printBackground: true });
  // A calibration page: text at exactly 9 pt (12 px) in the report's own sans and monospace faces,
  // printed the same way, so that the caller can read 9 pt off poppler's word boxes for these fonts.
  const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  const mono = await page.evaluate(() => { const c = document.querySelector('code'); return c ? getComputedStyle(c).fontFamily : 'monospace'; });
  const cal = await browser.newPage();
  await cal.setContent(`<!doctype html><html><head><style>@page{size:A4;margin:15mm}p{margin:0 0 8px}</style></head><body>`
    + `<p style="font:12px ${font.replace(/"/g, "'")}">Calibration nine points</p>`
    + `<p style="font:bold 12px ${font.replace(/"/g, "'")}">Calibration nine points</p>`
    + `<p style="font:12px ${mono.replace(/"/g, "'")}">Calibration nine points</p></body></html>`);
  await cal.pdf({ path: `${out}/calibration-9pt.pdf`, format: 'A4', preferCSSPageSize: true });
  check(errors.length === 0, `no page errors or network requests (${errors.join('; ') || 'none'})`);
} catch (e) {
  console.error(`FAIL ${e.message}`);
  failed = true;
} finally {
  await browser.close();
}
console.log(JSON.stringify(figures));
process.exit(failed || failures > 0 ? 1 : 0);
