// The petitioner portal's first load must stay under 150 KB of JavaScript, gzipped (issue #5: usable
// on a slow phone). Sums the gzip size of every script dist/web/portal.html loads at once (its
// module script and modulepreloads; the proof-of-work worker loads later, on submit), prints the
// figure per file, and fails over the budget. Run after `npm run build`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const webDir = path.resolve(process.argv[2] ?? 'dist/web');
const html = readFileSync(path.join(webDir, 'portal.html'), 'utf8');

const scripts = new Set();
for (const match of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
  const tag = match[0];
  const isScript = tag.startsWith('<script') || /rel="modulepreload"/.test(tag);
  const url = /(?:src|href)="([^"]+\.js)"/.exec(tag)?.[1];
  if (isScript && url !== undefined) scripts.add(url);
}
if (scripts.size === 0) {
  console.error('portal.html loads no script: is this the built page?');
  process.exit(1);
}

let total = 0;
for (const url of scripts) {
  const bytes = gzipSync(readFileSync(path.join(webDir, url.replace(/^\//, ''))), { level: 9 }).length;
  total += bytes;
  console.log(`${(bytes / 1024).toFixed(1).padStart(7)} KB  ${url}`);
}
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(
  `portal first load: ${(total / 1024).toFixed(1)} KB of JavaScript (gzip) in ${scripts.size} files — ${verdict} the ${BUDGET_BYTES / 1024} KB budget`,
);
if (total > BUDGET_BYTES) process.exit(1);
