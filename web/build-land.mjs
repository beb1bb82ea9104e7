// Builds dist/land.json, the coastlines the dashboard's map draws, from the world-atlas package
// (Natural Earth 1:110m, public domain). Run with `npm run build` after `npm ci`; the Rust build embeds
// the file when it exists.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve('world-atlas/land-110m.json'), 'utf8'));
const land = feature(topo, topo.objects.land);
// Round coordinates to 0.1 degree: plenty for a 1000-pixel map.
const round = (c) => (typeof c[0] === 'number' ? [Math.round(c[0] * 10) / 10, Math.round(c[1] * 10) / 10] : c.map(round));
for (const f of land.features) f.geometry.coordinates = round(f.geometry.coordinates);
mkdirSync(new URL('./dist/', import.meta.url), { recursive: true });
writeFileSync(new URL('./dist/land.json', import.meta.url), JSON.stringify(land));
console.log(`dist/land.json: ${land.features.length} features`);
