// `npm test`: every test. Unit, service and route tests (Vitest; on PostgreSQL too when
// TEST_DATABASE_URL is set), then the end-to-end journeys in real Chromium when it is installed —
// and a clear line saying they were skipped when it is not.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npx', ['vitest', 'run']);

if (existsSync(CHROMIUM)) {
  run('node', ['scripts/ensure-web-build.mjs']);
  run('npx', ['vitest', 'run', '--config', 'e2e/vitest.config.ts']);
} else {
  console.log(
    `\nSKIPPED the end-to-end tests: ${CHROMIUM} not found (apt-get install -y chromium fonts-wqy-microhei).\n`,
  );
}
