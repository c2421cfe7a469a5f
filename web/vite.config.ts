/**
 * Vite build for the workbench and the light petitioner portal (portal.html, web/src/portal/). The bundle is split so no chunk is huge: React, the router, the
 * icons, zod and the start-up part of Ant Design each get a vendor chunk; every page is a lazy
 * route of its own (see src/app/router.tsx) and carries the Ant Design components only it uses.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const webDir = path.dirname(fileURLToPath(import.meta.url));

/** Vendor groups, highest priority first; a module goes to the first group whose test matches. */
const vendorGroups = [
  { name: 'vendor-react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 40 },
  { name: 'vendor-router', test: /[\\/]node_modules[\\/]react-router[\\/]/, priority: 35 },
  { name: 'vendor-icons', test: /[\\/]node_modules[\\/]@ant-design[\\/]icons/, priority: 30 },
  // Only the Ant Design code the shell needs at start-up; components used by one lazy page only
  // (Table, Tree, TreeSelect …) stay with that page.
  {
    name: 'vendor-antd',
    test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|dayjs|classnames|clsx|stylis)[\\/]/,
    tags: ['$initial' as const],
    priority: 20,
  },
  { name: 'vendor-zod', test: /[\\/]node_modules[\\/]zod[\\/]/, priority: 15 },
];

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside every script, style sheet and page of the
 * build; the server sends the one the browser accepts (server/app.ts, preCompressed) and never
 * compresses per request. Small files are left alone: the headers would outweigh the saving.
 */
function precompress(): Plugin {
  return {
    name: 'xinfang-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? path.resolve(webDir, '../dist/web');
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg)$/.test(fileName)) continue;
        const file = path.join(dir, fileName);
        const data = fs.readFileSync(file);
        if (data.length < 1024) continue;
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: webDir,
  plugins: [react(), precompress()],
  build: {
    outDir: path.resolve(webDir, '../dist/web'),
    emptyOutDir: true,
    rolldownOptions: {
      // Two pages: the workbench and the petitioner portal (/portal), which shares no UI library.
      input: { main: path.resolve(webDir, 'index.html'), portal: path.resolve(webDir, 'portal.html') },
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
