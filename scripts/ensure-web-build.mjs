// Builds the browser app once when it has not been built yet, so `npm install && npm start`
// serves the log-in page with nothing else to run.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (!existsSync('dist/web/index.html') || !existsSync('dist/web/portal.html')) {
  console.log('Building the web app (first start only)…');
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
