import { readFileSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';
import { gzipSync } from 'node:zlib';
const file = process.argv[2];
const code = readFileSync(file, 'utf8');
const map = JSON.parse(readFileSync(file + '.map', 'utf8'));
const c = new SourceMapConsumer(map);
const lines = code.split('\n');
const sizes = new Map(); const text = new Map();
let prev = null;
c.eachMapping((m) => {
  if (prev) {
    const line = lines[prev.generatedLine - 1];
    const end = m.generatedLine === prev.generatedLine ? m.generatedColumn : line.length;
    const s = line.slice(prev.generatedColumn, end);
    const k = prev.source ?? '?';
    text.set(k, (text.get(k) ?? '') + s);
  }
  prev = m;
});
const agg = new Map();
for (const [k, t] of text) {
  let key = k.replace(/.*node_modules\//, 'nm:').replace(/^nm:(@[^/]+\/[^/]+|[^/]+).*/, 'nm:$1');
  if (!key.startsWith('nm:')) key = k.replace(/.*\/src\//, 'src/');
  agg.set(key, (agg.get(key) ?? '') + t);
}
const rows = [...agg].map(([k, t]) => [k, t.length, gzipSync(t).length]).sort((a, b) => b[2] - a[2]);
for (const r of rows.slice(0, +process.argv[3] || 60)) console.log(String(r[2]).padStart(7), String(r[1]).padStart(8), r[0]);
