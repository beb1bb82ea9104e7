// End-to-end test of the dashboard in headless Chromium (Debian's chromium, driven by playwright-core).
// Usage: node tests/e2e.mjs URL ARTIFACT_DIR [CHROMIUM]
// Loads the dashboard, moves the year slider from 2019 to 2024 and checks that NATO goes from 29 to 32
// members and the ties change, opens an opportunity's detail, runs a small simulation and reads its
// results, and saves a screenshot of each view. Exits non-zero with a message on the first failure.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [url, out = 'e2e-artifacts', exe = process.env.CHROMIUM || '/usr/bin/chromium'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node tests/e2e.mjs URL ARTIFACT_DIR [CHROMIUM]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const check = (cond, msg) => { if (!cond) throw new Error(msg); console.log(`ok   ${msg}`); };

const browser = await chromium.launch({
  executablePath: exe,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready=true]', { timeout: 30000 });
  check(true, 'the dashboard loads');

  const slider = page.getByTestId('year-slider');
  const nato = page.getByTestId('nato-count');
  await slider.fill('2019');
  await page.waitForFunction(() => document.querySelector('[data-testid=year-label]').textContent === '2019');
  await page.waitForFunction(() => document.querySelector('[data-testid=nato-count]').textContent === '29', null, { timeout: 15000 });
  const edges2019 = await page.getByTestId('network-svg').getAttribute('data-edges');
  const cross2019 = await page.getByTestId('cross-count').textContent();
  check((await nato.textContent()) === '29', 'NATO has 29 members in 2019');
  await page.screenshot({ path: `${out}/network-2019.png` });
  await slider.fill('2024');
  await page.waitForFunction(() => document.querySelector('[data-testid=nato-count]').textContent === '32', null, { timeout: 15000 });
  const edges2024 = await page.getByTestId('network-svg').getAttribute('data-edges');
  const cross2024 = await page.getByTestId('cross-count').textContent();
  check((await nato.textContent()) === '32', 'NATO has 32 members in 2024');
  check(edges2019 !== edges2024 && cross2019 !== cross2024, `the ties change (${cross2019} → ${cross2024} cross-regional ties, ${edges2019} → ${edges2024} edges)`);
  // Five US treaty allies in East Asia & Pacific: New Zealand's ANZUS tie to the US is suspended.
  check((await page.getByTestId('eap-count').textContent()) === '5', 'five US treaty allies in East Asia & Pacific (not New Zealand)');
  await page.waitForFunction(() => /^-?\d+\.\d\d$/.test(document.querySelector('[data-testid=hub-dependence]').textContent), null, { timeout: 30000 });
  const hub = await page.getByTestId('hub-dependence').textContent();
  const ei = await page.getByTestId('ei-index').textContent();
  check(/^-?\d+\.\d\d$/.test(hub) && /^-?\d+\.\d\d$/.test(ei), `the network's measures show (hub dependence ${hub}, E–I ${ei})`);
  await page.screenshot({ path: `${out}/network-2024.png` });

  await page.getByRole('button', { name: 'Map' }).click();
  await page.waitForSelector('[data-testid=map-svg] circle', { timeout: 15000 });
  check((await page.locator('[data-testid=map-svg] path.tie').count()) > 10, 'the map draws the ties');
  await page.screenshot({ path: `${out}/map.png` });

  await page.getByRole('button', { name: 'Trends' }).click();
  await page.waitForSelector('[data-testid=trend-chart]', { timeout: 15000 });
  check((await page.getByTestId('trend-chart').count()) >= 2, 'the trend charts draw');
  await page.screenshot({ path: `${out}/trends.png` });

  await page.getByRole('button', { name: 'Opportunities' }).click();
  await page.waitForSelector('[data-testid=opp-row]', { timeout: 30000 });
  await page.locator('#opp-table th[data-key=score]').click();
  await page.getByTestId('opp-row').first().click();
  const detail = page.getByTestId('opp-detail');
  await detail.waitFor({ state: 'visible' });
  const rationale = await page.getByTestId('opp-rationale').textContent();
  check(rationale.includes('access agreement') || rationale.includes('exercise'), `an opportunity's detail opens: "${rationale.slice(0, 80)}…"`);
  await page.screenshot({ path: `${out}/opportunities.png` });

  await page.getByRole('button', { name: 'Simulation' }).click();
  await page.locator('#sim-form input[name=runs]').fill('100');
  await page.getByTestId('sim-run').click();
  await page.waitForSelector('[data-testid=sim-table] tr:nth-child(2)', { timeout: 30000 });
  check((await page.locator('[data-testid=sim-table] tr').count()) > 2, 'a small simulation runs and shows its results');
  await page.screenshot({ path: `${out}/simulation.png` });
  check(errors.length === 0, `no script errors${errors.length ? ': ' + errors.join('; ') : ''}`);
} catch (e) {
  failed = true;
  console.error(`FAIL ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
