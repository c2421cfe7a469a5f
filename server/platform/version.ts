import fs from 'node:fs';

/** The version from package.json, read once at start. */
export function readVersion(): string {
  const pkg: unknown = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string')
    return pkg.version;
  return '0.0.0';
}
