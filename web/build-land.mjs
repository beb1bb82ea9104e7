// Regenerates data/land-110m.geojson, the coastlines the dashboard's map draws, from the world-atlas
// package (Natural Earth 1:110m land, public domain). The output is committed, so a plain `cargo build`
// embeds it with no npm step; run this (`npm ci && npm run build-land`) only to regenerate it.
// Coordinates are rounded to 0.1 degree (plenty for a 1000-pixel map), repeated points dropped, and
// Antarctica left out (the map stops at 58° S).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve('world-atlas/land-110m.json'), 'utf8'));
const land = feature(topo, topo.objects.land);
const r = (v) => Math.round(v * 10) / 10;
const ring = (pts) => {
  const out = [];
  for (const [x, y] of pts) {
    const p = [r(x), r(y)];
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  return out;
};
const polys = [];
for (const f of land.features) {
  const ps = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const p of ps) {
    if (Math.max(...p[0].map((c) => c[1])) < -60) continue; // Antarctica
    const rings = p.map(ring).filter((x) => x.length >= 4);
    if (rings.length) polys.push(rings);
  }
}
const out = {
  type: 'FeatureCollection',
  source: 'Natural Earth 1:110m land (naturalearthdata.com), via the world-atlas npm package 2.0.2; public domain',
  features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polys } }],
};
writeFileSync(new URL('./data/land-110m.geojson', import.meta.url), JSON.stringify(out));
console.log(`data/land-110m.geojson: ${polys.length} polygons`);
