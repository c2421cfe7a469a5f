// Smoke test of a running server: health answers with the expected dialect and a demo user logs in.
// Usage: node scripts/smoke.mjs http://127.0.0.1:3000 postgres
const [base = 'http://127.0.0.1:3000', dialect = 'sqlite'] = process.argv.slice(2);

const health = await (await fetch(`${base}/api/health`)).json();
if (health.dialect !== dialect) throw new Error(`expected dialect ${dialect}, got ${JSON.stringify(health)}`);
const login = await fetch(`${base}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'officer', password: 'xinfang-demo-2026' }),
});
if (login.status !== 200) throw new Error(`demo log-in failed: ${login.status} ${await login.text()}`);
const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
const units = await (await fetch(`${base}/api/units`, { headers: { cookie } })).json();
console.log(`smoke ok: ${health.dialect}, ${units.units.length} units visible to the demo officer`);
