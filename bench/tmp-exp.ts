import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { compactText, fingerprintChars } from '../server/text/normalise.ts';
import { mix32, intersectionSize } from '../server/text/minhash.ts';
import { parseRecords } from '../server/text/records.ts';
import { REWRITE_KINDS, rewrite, rng } from './text-rewrite.ts';
const records = parseRecords(fs.readFileSync('../shared/data/petitions.jsonl', 'utf8'));
function sh(text: string, k: number, fold: boolean): Uint32Array {
  const chars = Array.from(fold ? fingerprintChars(text) : compactText(text)).map((c) => c.codePointAt(0) ?? 0);
  const seen = new Set<number>();
  const w = Math.min(k, chars.length);
  for (let i = 0; i + w <= chars.length && w > 0; i++) { let h = 0x811c9dc5; for (let j = 0; j < w; j++) h = Math.imul(h ^ (chars[i+j] ?? 0), 0x01000193); seen.add(mix32(h)); }
  return Uint32Array.from(seen).sort();
}
const bucket = (id: string) => createHash('sha1').update(id).digest().readUInt32BE(0) % 100;
const labelled = records.filter((r) => r.subset === 'a2_labeled' && r.category !== null && compactText(r.body).length >= 50);
const byCat = new Map<string, typeof labelled>();
for (const r of labelled) byCat.set(r.category!, [...(byCat.get(r.category!) ?? []), r]);
const originals = labelled.filter((r) => bucket(`repeat:${r.id}`) < 15).slice(0, 900);
const next = rng(19);
const pos: { kind: string; q: string; o: string }[] = [];
const neg: { q: string; o: string }[] = [];
originals.forEach((o, i) => {
  const kind = REWRITE_KINDS[i % REWRITE_KINDS.length]!;
  const same = byCat.get(o.category!)!;
  const donor = same[Math.floor(next() * same.length)]!;
  const rw = rewrite(kind, { title: o.title ?? '', body: o.body }, donor.body, next);
  const q = `${rw.title}\n${rw.body}`;
  pos.push({ kind, q, o: `${o.title ?? ''}\n${o.body}` });
  for (let k = 0; k < 3; k++) { const other = same[Math.floor(next() * same.length)]!; if (compactText(other.body) !== compactText(o.body)) neg.push({ q, o: `${other.title ?? ''}\n${other.body}` }); }
});
const pct = (a: number[], p: number) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))]!.toFixed(3); };
for (const k of [3, 4, 5]) for (const fold of [false, true]) {
  const stat = (q: string, o: string) => { const a = sh(q, k, fold), b = sh(o, k, fold); const c = intersectionSize(a, b); return { j: c / (a.length + b.length - c), cq: c / a.length, cmin: c / Math.min(a.length, b.length), cmax: c / Math.max(a.length,b.length) }; };
  console.log(`k=${k} fold=${fold}`);
  for (const kind of REWRITE_KINDS) {
    const s = pos.filter((p) => p.kind === kind).map((p) => stat(p.q, p.o));
    console.log(`  ${kind.padEnd(18)} J p2 ${pct(s.map(x=>x.j),2)} p10 ${pct(s.map(x=>x.j),10)} | cmin p1 ${pct(s.map(x=>x.cmin),1)} p2 ${pct(s.map(x=>x.cmin),2)} p5 ${pct(s.map(x=>x.cmin),5)}`);
  }
  const s = neg.map((p) => stat(p.q, p.o));
  console.log(`  NEG J p99 ${pct(s.map(x=>x.j),99)} max ${pct(s.map(x=>x.j),100)} | cmin p99 ${pct(s.map(x=>x.cmin),99)} p99.9 ${pct(s.map(x=>x.cmin),99.9)} max ${pct(s.map(x=>x.cmin),100)}`);
}
