// End-to-end test of the dashboard in headless Chromium (Debian's chromium, driven by playwright-core).
// Usage: node tests/e2e.mjs URL ARTIFACT_DIR [CHROMIUM] [NO_DATA_URL]
// Covers every interaction: URL state, the year slider (debounced) and stale values, drill-down to the
// records and their sources, the map's coastlines and labels, the opportunities' year, keyboard
// sorting and detail, the country profile, the simulation from the scenario's own values with its
// chart and comparison, export and citation, an error and its retry (a request made to fail), axe-core
// on every view, no sideways scroll at 390 px, non-overlapping network labels, first-load bytes and
// time, and (with NO_DATA_URL) the honest no-data mode. Screenshots at 1400, 800 and 390 px go to
// ARTIFACT_DIR. Exits non-zero with a message on the first failure.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [url, out = 'e2e-artifacts', exe = process.env.CHROMIUM || '/usr/bin/chromium', noData] = process.argv.slice(2);
if (!url) {
  console.error('usage: node tests/e2e.mjs URL ARTIFACT_DIR [CHROMIUM] [NO_DATA_URL]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const check = (cond, msg) => { if (!cond) throw new Error(msg); console.log(`ok   ${msg}`); };
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VIEWS = ['network', 'map', 'trends', 'opportunities', 'country', 'simulation'];
const T = { timeout: 60000 };

const browser = await chromium.launch({
  executablePath: exe,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

async function ready(page) {
  await page.waitForSelector('body[data-ready=true]', T);
  // Every panel of the visible view done loading.
  await page.waitForFunction(() => {
    const v = document.querySelector('[role=tabpanel]:not([hidden])');
    return v && !v.querySelector('[aria-busy=true]');
  }, null, T);
}

async function axe(page, what) {
  await page.evaluate(AXE);
  const r = await page.evaluate(async () => {
    const res = await window.axe.run(document, { resultTypes: ['violations'] });
    return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  check(r.length === 0, `axe-core: no serious or critical violation on ${what}${r.length ? `: ${r.join('; ')}` : ''}`);
}

async function shot(page, path) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path });
}

async function tab(page, name) {
  await page.getByRole('tab', { name }).click();
  await ready(page);
}

/** The map's labels: how many, which pairs overlap (screen boxes), which leave the map. */
async function mapLabels(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('[data-testid=map-svg]').getBoundingClientRect();
    const ls = [...document.querySelectorAll('[data-testid=map-svg] .map-label')].map((t) => ({ t: t.textContent, b: t.getBoundingClientRect() }));
    const overlaps = [], outside = [];
    for (let i = 0; i < ls.length; i++) {
      const a = ls[i].b;
      if (a.left < svg.left || a.right > svg.right || a.top < svg.top || a.bottom > svg.bottom) outside.push(ls[i].t);
      for (let j = i + 1; j < ls.length; j++) {
        const b = ls[j].b;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps.push(`${ls[i].t}/${ls[j].t}`);
      }
    }
    return { n: ls.length, overlaps, outside };
  });
}

/** The simulation's difference chart: every dot's centre and every whisker's ends lie within its
 * plot area, and the plot area runs from the first labelled tick to the last. */
async function diffChartInside(page, what) {
  const r = await page.evaluate(() => {
    const svg = document.querySelector('[data-testid=sim-diff-chart]');
    if (!svg) return null;
    const area = svg.querySelector('.plot-area').getBoundingClientRect();
    const ticks = [...svg.querySelectorAll('line[data-tick]')].map((l) => l.getBoundingClientRect().left);
    const dots = [...svg.querySelectorAll('circle')].map((c) => { const b = c.getBoundingClientRect(); return [b.left + b.width / 2, b.top + b.height / 2]; });
    const ends = [...svg.querySelectorAll('line.whisker')].flatMap((l) => { const b = l.getBoundingClientRect(); return [b.left, b.right]; });
    const e = 0.5;
    const inX = (x) => x >= area.left - e && x <= area.right + e;
    return {
      dots: dots.length,
      out: dots.filter(([x, y]) => !inX(x) || y < area.top - e || y > area.bottom + e).length,
      whiskersOut: ends.filter((x) => !inX(x)).length,
      ticksSpan: ticks.length >= 2 && Math.abs(Math.min(...ticks) - area.left) <= 1 && Math.abs(Math.max(...ticks) - area.right) <= 1,
    };
  });
  check(r != null && r.dots > 0, `${what}: the paired differences are charted`);
  check(r.out === 0 && r.whiskersOut === 0 && r.ticksSpan, `${what}: all ${r.dots} dots and their intervals lie within the axis, which begins and ends on a labelled tick`);
}

let failed = false;
try {
  // ------------------------------------------------------------ first load: bytes and time
  // On a server that has finished warming up (`entente serve` computes every year's network measures
  // at start): wait for that, without asking for any answer the page will ask for.
  await (await browser.newPage()).request.get(new URL('/api/trends?measure=hub_dependence&from=1949&to=1949', url).href, { timeout: 120000 });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  const ms = Date.now() - t0;
  await page.waitForFunction(() => performance.getEntriesByName('entente-drawn').length > 0, null, T);
  const drawn = await page.evaluate(() => Math.round(performance.getEntriesByName('entente-drawn')[0].startTime));
  console.log(`info first load: ${(bytes / 1024).toFixed(1)} KB transferred (compressed), ${drawn} ms from navigation to the network view drawn (${ms} ms as Playwright saw it)`);
  check(bytes < 300 * 1024, `the first load transfers under 300 KB (${(bytes / 1024).toFixed(1)} KB)`);

  // ------------------------------------------------------------ network, year, stale values
  const slider = page.getByTestId('year-slider');
  await slider.fill('2019');
  await page.waitForFunction(() => document.querySelector('[data-testid=nato-count]')?.textContent === '29' && document.querySelector('[data-testid=facts-year]').textContent === 'in 2019' && document.querySelector('[data-testid=network-year]').textContent === 'in 2019', null, T);
  check(true, 'NATO has 29 members in 2019, and the figures say which year they are for');
  const edges2019 = await page.getByTestId('network-svg').getAttribute('data-edges');
  // While 2020 loads, the 2019 figures are marked stale, never shown as 2020's.
  await page.route('**/api/headline?year=2020', async (r) => { await new Promise((ok) => setTimeout(ok, 800)); await r.continue(); });
  await slider.fill('2020');
  await page.waitForFunction(() => document.querySelector('[data-testid=facts]').closest('.panel').classList.contains('stale'), null, T);
  const during = await page.evaluate(() => ({ year: document.querySelector('[data-testid=facts-year]').textContent, busy: document.querySelector('[data-testid=facts]').closest('.panel').getAttribute('aria-busy') }));
  check(during.year === 'in 2019' && during.busy === 'true', 'while a year loads, the old figures stay labelled with their year and are marked stale (aria-busy)');
  await page.waitForFunction(() => document.querySelector('[data-testid=facts-year]').textContent === 'in 2020', null, T);
  await page.unroute('**/api/headline?year=2020');
  await slider.fill('2024');
  await page.waitForFunction(() => document.querySelector('[data-testid=nato-count]')?.textContent === '32' && document.querySelector('[data-testid=network-year]').textContent === 'in 2024', null, T);
  await ready(page);
  check(new URL(page.url()).searchParams.get('year') === '2024' && page.url().endsWith('#network'), `the URL holds the view and year (${page.url()})`);
  check((await page.getByTestId('eap-count').textContent()) === '5', 'five US treaty allies in East Asia & Pacific (not New Zealand)');
  const edges2024 = await page.getByTestId('network-svg').getAttribute('data-edges');
  check(edges2019 !== edges2024, `the ties change (${edges2019} → ${edges2024} lines)`);
  const hub = await page.getByTestId('hub-dependence').textContent();
  check(/^-?\d+\.\d\d$/.test(hub), `hub dependence shows (${hub}) with its definition`);
  // Debounce: dragging across 30 years asks for a handful of years, not 30.
  const asked = new Set();
  const onReq = (r) => { const m = r.url().match(/headline\?year=(\d+)/); if (m) asked.add(m[1]); };
  page.on('request', onReq);
  // A drag: 'input' events as the thumb moves, one 'change' at the release.
  for (let y = 1995; y <= 2005; y++) {
    await page.evaluate((v) => { const el = document.getElementById('year'); el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }, y);
    await page.waitForTimeout(15);
  }
  await page.evaluate(() => document.getElementById('year').dispatchEvent(new Event('change', { bubbles: true })));
  await page.waitForFunction(() => document.querySelector('[data-testid=facts-year]').textContent === 'in 2005', null, T);
  page.off('request', onReq);
  check(asked.size <= 2 && asked.has('2005'), `the slider is debounced (${[...asked].join(', ')} asked for over a 10-year drag)`);
  await slider.fill('2024');
  await page.waitForFunction(() => document.querySelector('[data-testid=nato-count]')?.textContent === '32', null, T);
  await ready(page);
  // Labels do not overlap.
  const overlaps = await page.evaluate(() => {
    const bs = [...document.querySelectorAll('[data-testid=network-svg] .node-label')].map((t) => t.getBBox());
    let n = 0;
    for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) {
      const a = bs[i], b = bs[j];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) n++;
    }
    return [n, bs.length];
  });
  check(overlaps[0] === 0 && overlaps[1] > 30, `no two of the network's ${overlaps[1]} labels overlap`);
  check((await page.getByTestId('network-legend').locator('li').count()) >= 10, 'the network has a legend of categories and kinds of tie');
  // Drill-down: a node, then a tie, open their records with sources.
  await page.locator('[data-testid=network-svg] .node[data-ccode="740"]').click();
  await page.waitForSelector('[data-testid=network-detail] [data-testid=record]', T);
  const rec = await page.locator('[data-testid=network-detail] [data-testid=record]').first().textContent();
  const links = await page.locator('[data-testid=network-detail] .sources a').count();
  check(/treaty|agreement|partnership|exercise/i.test(rec) && links > 0, `clicking Japan opens its records with ${links} source links`);
  await page.getByTestId('ties-table').locator('summary, caption').first().isVisible();
  await page.locator('details.behind summary').first().click();
  const row = page.getByTestId('ties-table-row').first();
  await row.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /–/.test(document.querySelector('#detail-title')?.textContent || ''), null, T);
  check(true, 'a tie opens from the keyboard (Enter on its table row)');
  // Export and citation.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#panel-network [data-testid=export-csv]').first().click()]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  check(csvText.includes('sha256') && csvText.split('\n').length > 50, `the ties download as CSV (${csvText.split('\n').length} lines, cited)`);
  const [svgDl] = await Promise.all([page.waitForEvent('download'), page.locator('#panel-network [data-testid=export-svg]').first().click()]);
  const svgText = readFileSync(await svgDl.path(), 'utf8');
  check(svgText.includes('<svg') && svgText.includes('sha256') && !svgText.includes('var(--'), 'the network downloads as a standalone SVG, colours resolved, cited');
  await page.locator('#panel-network [data-testid=cite]').first().click();
  const cite = await page.getByTestId('cite-text').first().textContent();
  const sha = (await (await page.request.get(new URL('/api/health', url).href)).json()).curated_record.sha256;
  check(cite.includes(sha) && cite.includes('2024'), 'cite this view gives the record\'s sha256 and the year');
  for (const w of [1400, 800, 390]) { await page.setViewportSize({ width: w, height: 1000 }); await shot(page, `${out}/network-${w}.png`); }
  await page.setViewportSize({ width: 1400, height: 1000 });
  await axe(page, 'the network');

  // ------------------------------------------------------------ error and retry
  let fail = true;
  await page.route('**/api/headline?year=2001', (r) => (fail ? r.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"the server is busy (injected failure)","status":503}' }) : r.continue()));
  await slider.fill('2001');
  await page.waitForSelector('#panel-network [data-testid=panel-error]', T);
  const errText = await page.locator('#panel-network [data-testid=panel-error]').first().textContent();
  check(errText.includes('injected failure'), `a failed request shows its error in its panel ("${errText}")`);
  check(await page.getByTestId('network-svg').isVisible(), 'the other panel still works: the network diagram is drawn');
  fail = false;
  await page.locator('#panel-network [data-testid=retry]').first().click();
  await page.waitForFunction(() => document.querySelector('[data-testid=facts-year]').textContent === 'in 2001', null, T);
  check((await page.locator('#panel-network [data-testid=panel-error]').count()) === 0, 'Retry recovers the panel');
  await page.unroute('**/api/headline?year=2001');
  await slider.fill('2024');
  await ready(page);

  // ------------------------------------------------------------ URL state: /?year=1990#map
  await page.goto(new URL('/?year=1990#map', url).href);
  await ready(page);
  check(await page.getByTestId('map-svg').isVisible() && (await page.getByTestId('year-label').textContent()) === '1990', '/?year=1990#map opens the map in 1990');
  const land = Number(await page.getByTestId('map-svg').getAttribute('data-land'));
  const ties = Number(await page.getByTestId('map-svg').getAttribute('data-ties'));
  check(land > 50, `the map draws coastlines (${land} land paths) with no npm step`);
  check(ties >= 5, `the map draws the ties of 1990 (${ties})`);
  check((await page.locator('[data-testid=map-svg] .map-label').count()) > 5 && (await page.getByTestId('map-legend').locator('li').count()) > 5, 'the map has labels and a legend');
  const title = await page.locator('[data-testid=map-svg] .tie title').first().textContent();
  check(title.includes('–'), `ties have tooltips ("${title.slice(0, 60)}")`);
  for (const w of [1400, 800, 390]) {
    await page.setViewportSize({ width: w, height: 1000 });
    await shot(page, `${out}/map-${w}.png`);
    const ml = await mapLabels(page);
    check(ml.n > 5 && ml.overlaps.length === 0 && ml.outside.length === 0, `at ${w} px none of the map's ${ml.n} labels overlap another or leaves the map${ml.overlaps.length ? `: ${ml.overlaps.join(', ')}` : ''}${ml.outside.length ? `; outside: ${ml.outside.join(', ')}` : ''}`);
  }
  await page.setViewportSize({ width: 1400, height: 1000 });
  await axe(page, 'the map');
  // A crowded year too: every NATO member and East Asian partner placed.
  await page.getByTestId('year-slider').fill('2024');
  await page.waitForFunction(() => document.querySelector('[data-testid=map-year]')?.textContent === 'in 2024', null, T);
  await ready(page);
  const ml24 = await mapLabels(page);
  check(ml24.n > 5 && ml24.overlaps.length === 0 && ml24.outside.length === 0, `in 2024 none of the map's ${ml24.n} labels overlap another or leaves the map${ml24.overlaps.length ? `: ${ml24.overlaps.join(', ')}` : ''}${ml24.outside.length ? `; outside: ${ml24.outside.join(', ')}` : ''}`);

  // ------------------------------------------------------------ back and forward restore view and year
  // A year change replaces the history entry; a change of view adds one. Back and forward then
  // return to each view in the year it was left in, from the URL alone.
  await page.getByTestId('year-slider').fill('2000');
  await page.waitForFunction(() => document.querySelector('[data-testid=map-year]')?.textContent === 'in 2000', null, T);
  await ready(page);
  await tab(page, 'Network');
  await page.getByTestId('year-slider').fill('2010');
  await page.waitForFunction(() => document.querySelector('[data-testid=network-year]')?.textContent === 'in 2010', null, T);
  await ready(page);
  check(page.url().endsWith('?year=2010#network'), `the network in 2010 is in the URL (${page.url()})`);
  await page.goBack();
  await page.waitForFunction(() => !document.getElementById('panel-map').hidden && document.querySelector('[data-testid=map-year]')?.textContent === 'in 2000', null, T);
  await ready(page);
  const back = await page.evaluate(() => ({ url: location.href, label: document.getElementById('year-label').textContent, slider: document.getElementById('year').value, tab: document.querySelector('[role=tab][aria-selected=true]').dataset.view, net: document.getElementById('panel-network').hidden }));
  check(back.url.endsWith('?year=2000#map') && back.label === '2000' && back.slider === '2000' && back.tab === 'map' && back.net, `Back returns to the map in 2000: view, tab, slider and figures (${back.url})`);
  await page.goForward();
  await page.waitForFunction(() => !document.getElementById('panel-network').hidden && document.querySelector('[data-testid=network-year]')?.textContent === 'in 2010' && document.querySelector('[data-testid=facts-year]')?.textContent === 'in 2010', null, T);
  await ready(page);
  const fwd = await page.evaluate(() => ({ url: location.href, label: document.getElementById('year-label').textContent, slider: document.getElementById('year').value, tab: document.querySelector('[role=tab][aria-selected=true]').dataset.view, map: document.getElementById('panel-map').hidden }));
  check(fwd.url.endsWith('?year=2010#network') && fwd.label === '2010' && fwd.slider === '2010' && fwd.tab === 'network' && fwd.map, `Forward returns to the network in 2010 (${fwd.url})`);
  await page.goBack();
  await page.waitForFunction(() => !document.getElementById('panel-map').hidden && document.querySelector('[data-testid=map-year]')?.textContent === 'in 2000', null, T);
  check(true, 'Back again: the map in 2000, drawn for that year');

  // ------------------------------------------------------------ trends (no year slider)
  await tab(page, 'Trends');
  check(await page.locator('#year-box').isHidden(), 'the year slider is hidden where it does nothing (trends)');
  check((await page.getByTestId('trend-chart').count()) >= 4, 'the trend charts draw, each with its data table');
  for (const w of [1400, 800, 390]) { await page.setViewportSize({ width: w, height: 1000 }); await shot(page, `${out}/trends-${w}.png`); }
  await page.setViewportSize({ width: 1400, height: 1000 });
  await axe(page, 'the trends');

  // ------------------------------------------------------------ opportunities
  await page.goto(new URL('/?year=1985#opportunities', url).href);
  await ready(page);
  const msg = await page.getByTestId('opp-out-of-range').textContent();
  check(msg.includes('1990') && msg.includes('1985'), 'before 1990 the opportunities view says so instead of clamping');
  await page.getByTestId('opp-out-of-range').getByRole('button').click();
  await page.waitForSelector('[data-testid=opp-row]', T);
  await ready(page);
  check((await page.getByTestId('opp-year').textContent()) === 'in 1990', 'the opportunities view says which year it shows');
  await page.locator('#opp-body th[data-key=score] button').focus();
  await page.keyboard.press('Enter');
  check((await page.locator('#opp-body th[data-key=score]').getAttribute('aria-sort')) === 'descending', 'sorting from the keyboard, with aria-sort (score descending first)');
  await page.keyboard.press('Enter');
  const arrow = await page.locator('#opp-body th[data-key=score] .arrow').textContent();
  check(arrow.includes('▴') && (await page.locator('#opp-body th[data-key=score]').getAttribute('aria-sort')) === 'ascending', 'the sort arrow follows the direction');
  const first = page.getByTestId('opp-row').first();
  await first.focus();
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('opp-detail');
  await detail.waitFor({ state: 'visible' });
  const gap = await page.evaluate(() => { const d = document.querySelector('[data-testid=opp-detail]').getBoundingClientRect(); const r = document.querySelector('[data-testid=opp-detail]').previousElementSibling.getBoundingClientRect(); return d.top - r.bottom; });
  check(Math.abs(gap) < 2, 'the detail opens right beneath its row');
  const pair = new URL(page.url()).searchParams.get('pair');
  check(!!pair, `the selected pair is in the URL (${pair})`);
  await page.getByTestId('year-slider').fill('2010');
  await page.getByTestId('year-slider').dispatchEvent('change');
  await page.waitForFunction(() => document.querySelector('[data-testid=opp-year]').textContent === 'in 2010', null, T);
  await ready(page);
  const detailYear = await page.locator('[data-testid=opp-detail] h3').count() ? await page.locator('[data-testid=opp-detail] h3').textContent() : '';
  check(!detailYear || detailYear.includes('2010'), 'after a year change the detail is that year\'s, or closed, never stale');
  for (const w of [1400, 800, 390]) { await page.setViewportSize({ width: w, height: 1000 }); await shot(page, `${out}/opportunities-${w}.png`); }
  await page.setViewportSize({ width: 1400, height: 1000 });
  await axe(page, 'the opportunities');

  // ------------------------------------------------------------ country profile
  await page.goto(new URL('/?year=2024&state=KOR#country', url).href);
  await ready(page);
  check((await page.getByTestId('profile-chart').count()) >= 2, 'the country profile draws its charts (ties, similarity, opportunity rank)');
  check((await page.getByTestId('profile-records-row').count()) > 3, 'the profile lists its records');
  // Another state: its whole series in one profile request (plus its records), every year.
  const urls = new Map(), sizes = new Map();
  const onSent = (e) => urls.set(e.requestId, e.request.url);
  const onDone = (e) => sizes.set(e.requestId, e.encodedDataLength);
  cdp.on('Network.requestWillBeSent', onSent);
  cdp.on('Network.loadingFinished', onDone);
  await page.getByTestId('country-pick').selectOption('AUS');
  await page.waitForFunction(() => document.querySelector('[data-testid=country-name]').textContent.includes('Australia'), null, T);
  check(new URL(page.url()).searchParams.get('state') === 'AUS', 'the chosen state is in the URL');
  await ready(page);
  cdp.off('Network.requestWillBeSent', onSent);
  cdp.off('Network.loadingFinished', onDone);
  const apiCalls = [...urls.entries()].filter(([, u]) => u.includes('/api/'));
  const prof = apiCalls.filter(([, u]) => u.includes('/api/profile'));
  const profBytes = prof.reduce((n, [id]) => n + (sizes.get(id) || 0), 0);
  console.log(`info the AUS profile: ${apiCalls.length} API requests (${apiCalls.map(([, u]) => new URL(u).pathname).join(', ')}), /api/profile ${(profBytes / 1024).toFixed(1)} KB transferred`);
  check(prof.length === 1 && apiCalls.length <= 2, `a profile is one request for its series (${apiCalls.length} API requests in all)`);
  const yearly = await page.evaluate(async () => (await (await fetch('/api/profile?state=AUS')).json()).years.filter((y) => y.similarity_us != null).length);
  check(yearly >= 60, `its similarity is yearly (${yearly} years with a value)`);
  check((await page.getByTestId('profile-similarity-about').textContent()).includes('not a measure of the tie'), 'the profile says what its similarity measures and what it does not');
  for (const w of [1400, 800, 390]) { await page.setViewportSize({ width: w, height: 1000 }); await page.screenshot({ path: `${out}/country-${w}.png`, fullPage: true }); }
  await page.setViewportSize({ width: 1400, height: 1000 });
  await axe(page, 'the country profile');

  // ------------------------------------------------------------ simulation
  await page.goto(new URL('/#simulation', url).href);
  await ready(page);
  const scen = await (await page.request.get(new URL('/api/scenarios', url).href)).json();
  await page.getByTestId('sim-scenario').selectOption('asia-first');
  const own = scen.find((x) => x.name === 'asia-first');
  check(Number(await page.locator('#sim-form input[name=coordination]').inputValue()) === own.coordination, `the form starts from the scenario's own coordination (${own.coordination})`);
  await page.locator('#sim-form input[name=runs]').fill('60');
  await page.getByTestId('sim-run').click();
  await page.waitForSelector('[data-testid=sim-compare]', { ...T, state: 'attached' });
  await page.waitForSelector('[data-testid=sim-chart]', T);
  await ready(page);
  check((await page.getByTestId('sim-calibration').textContent()).includes('Calibration'), 'the calibration used is shown');
  check((await page.getByTestId('sim-compare-row').count()) > 5, 'the scenario is compared with the baseline (paired differences)');
  const groups = await page.locator('#sim-results details.group summary').allTextContents();
  check(groups.length >= 3 && groups.some((g) => g.includes('folded away')), `measures grouped (${groups.length} groups), zero rows folded away`);
  check(!(await page.locator('#sim-results').textContent()).includes('east_asia.failure_rate'), 'measures have plain names');
  await diffChartInside(page, 'asia-first');
  for (const w of [1400, 800, 390]) { await page.setViewportSize({ width: w, height: 1000 }); await shot(page, `${out}/simulation-${w}.png`); }
  await page.setViewportSize({ width: 1400, height: 1000 });
  await axe(page, 'the simulation');
  // The scenario whose largest difference (Baltic cohesion) once fell beyond the axis's last tick.
  await page.getByTestId('sim-scenario').selectOption('baltic-short-warning');
  await page.locator('#sim-form input[name=runs]').fill('60');
  await page.getByTestId('sim-run').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=sim-calibration]')?.textContent.startsWith('baltic-short-warning'), null, T);
  await ready(page);
  await diffChartInside(page, 'baltic-short-warning');
  for (const w of [1400, 800, 390]) {
    await page.setViewportSize({ width: w, height: 1000 });
    await page.getByTestId('sim-diff-chart').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}/simulation-diff-${w}.png` });
  }
  await page.setViewportSize({ width: 1400, height: 1000 });

  // Every line chart's axis and event labels are shown at 10 px or more (a chart is drawn at its
  // column's width), and no two event labels of a chart overlap.
  async function chartTextReadable(pg, where) {
    const r = await pg.evaluate(() => {
      const out = { charts: 0, smallest: Infinity, overlaps: [] };
      for (const svg of document.querySelectorAll('[role=tabpanel]:not([hidden]) svg.line-chart')) {
        const box = svg.getBoundingClientRect();
        if (!box.width) continue;
        out.charts += 1;
        const scale = box.width / svg.viewBox.baseVal.width;
        for (const t of svg.querySelectorAll('text.tick, text.event-label')) {
          out.smallest = Math.min(out.smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
        }
        const labels = [...svg.querySelectorAll('text.event-label')].map((t) => [t.textContent, t.getBoundingClientRect()]);
        labels.forEach(([a, p], i) => labels.slice(i + 1).forEach(([b, q]) => {
          if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) out.overlaps.push(`${a}/${b}`);
        }));
      }
      return out;
    });
    check(r.charts > 0 && r.smallest >= 10, `${where}: the text of its ${r.charts} line charts is ${r.smallest.toFixed(1)} px or larger (10 px at least)`);
    check(r.overlaps.length === 0, `${where}: no two event labels overlap${r.overlaps.length ? ': ' + r.overlaps.join(', ') : ''}`);
  }

  // ------------------------------------------------------------ 390 px: no sideways scroll
  await page.setViewportSize({ width: 390, height: 844 });
  for (const v of VIEWS) {
    await page.goto(new URL(`/?year=2024#${v}`, url).href);
    await ready(page);
    const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    check(sw <= iw, `at 390 px the ${v} view does not scroll sideways (${sw} ≤ ${iw})`);
    if (['trends', 'country'].includes(v)) await chartTextReadable(page, `the ${v} view loaded at 390 px`);
  }
  // A chart drawn on a wide screen is drawn again when the window narrows.
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(new URL('/#trends', url).href);
  await ready(page);
  await chartTextReadable(page, 'the trends view at 1400 px');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await chartTextReadable(page, 'the trends view narrowed from 1400 to 390 px');
  await page.setViewportSize({ width: 1400, height: 1000 });
  check(errors.length === 0, `no script errors${errors.length ? ': ' + errors.join('; ') : ''}`);

  // ------------------------------------------------------------ an unreachable server
  const dead = await browser.newPage();
  await dead.goto(url);
  await ready(dead);
  await dead.route('**/api/**', (r) => r.abort('connectionrefused'));
  await dead.getByTestId('year-slider').fill('1999');
  await dead.waitForSelector('#panel-network [data-testid=panel-error]', T);
  const deadMsg = await dead.locator('#panel-network [data-testid=panel-error]').first().textContent();
  check(deadMsg.includes('did not answer'), `an unreachable server gets a plain message ("${deadMsg}")`);
  await dead.close();

  // ------------------------------------------------------------ the no-data server
  if (noData) {
    const nd = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await nd.goto(noData);
    await ready(nd);
    const note = await nd.getByTestId('degraded').textContent();
    check(note.includes('data directory') && note.includes('entente data fetch'), 'without data the dashboard says which views need which datasets, and how to get them');
    check((await nd.getByTestId('nato-count').textContent()) === '32', 'the record\'s own figures still show');
    await tab(nd, 'Map');
    check(await nd.getByTestId('map-no-coordinates').isVisible(), 'the map says the capitals are unavailable, and still draws coastlines');
    await nd.goto(new URL('/?year=2024#opportunities', noData).href);
    await nd.waitForSelector('#panel-opportunities [data-testid=panel-error]', T);
    const oe = await nd.locator('#panel-opportunities [data-testid=panel-error]').textContent();
    check(oe.includes('data directory') && (await nd.getByTestId('opp-row').count()) === 0, 'opportunities shows no numbers without their datasets, and says why');
    await shot(nd, `${out}/no-data-opportunities-1400.png`);
    await axe(nd, 'the no-data server');
    await nd.close();
  }
} catch (e) {
  failed = true;
  console.error(`FAIL ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
