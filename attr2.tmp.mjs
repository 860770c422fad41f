import { readFileSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';
const [file, want] = process.argv.slice(2);
const code = readFileSync(file, 'utf8');
const c = new SourceMapConsumer(JSON.parse(readFileSync(file + '.map', 'utf8')));
const lines = code.split('\n');
const origLines = new Set();
c.eachMapping((m) => { if (m.source && m.source.includes(want)) origLines.add(m.originalLine); });
const src = c.sourceContentFor(c.sources.find((s) => s.includes(want))).split('\n');
const fns = new Set();
for (const l of [...origLines].sort((a,b)=>a-b)) {
  // find enclosing top-level declaration
  for (let i = l - 1; i >= 0; i--) { const m = /^(export )?(async )?(function|const|let|class) (\w+)/.exec(src[i]); if (m) { fns.add(m[4]); break; } }
}
console.log([...fns].join(' '));
