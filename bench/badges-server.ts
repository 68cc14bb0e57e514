/*
 * The badge routes of `yarn bench badges` in a process of their own, so that
 * the 50 clients (autocannon, in bench/badges.ts) do not share its event loop:
 * the real badge router over the benchmark's SQLite file, public badges
 * allowed by config. Answers its port over IPC.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import knexFactory from 'knex';
import { DEFAULT_SELECTOR } from '../plugins/innersource-common/src';
import { BadgeStore } from '../plugins/innersource-backend/src/database/BadgeStore';
import { createBadgeRouter } from '../plugins/innersource-backend/src/service/badgeRouter';
import { CatalogAccess } from '../plugins/innersource-backend/src/service/CatalogAccess';

async function main() {
  const { filename } = JSON.parse(process.env.INNERSOURCE_BADGES_BENCH ?? '{}');
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
  });
  const router = await createBadgeRouter({
    httpAuth: {} as any, // the public route asks for no credentials
    permissions: {} as any,
    discovery: {
      getBaseUrl: async () => 'http://127.0.0.1/api/innersource',
      getExternalBaseUrl: async () => 'http://127.0.0.1/api/innersource',
    },
    store: new BadgeStore(knex),
    access: new CatalogAccess({
      catalog: {} as any, // nor the catalog
      selector: DEFAULT_SELECTOR,
      listProjectRefs: async () => [],
    }),
    settings: { public: true, cacheControl: 'public, max-age=300' },
  });
  const app = express().disable('x-powered-by');
  // The floor: Express answering a constant 304, nothing else, on this machine.
  app.get('/floor/:token/:badge.svg', (_req, res) => {
    res.set({ ETag: '"floor"', 'Cache-Control': 'public' }).status(304).end();
  });
  // And a constant SVG of :bytes bytes (a badge's size) with a badge's headers.
  const constant = new Map<number, string>();
  app.get('/floor-200/:bytes/:badge.svg', (req, res) => {
    const bytes = Math.min(Number(req.params.bytes) || 0, 65_536);
    let svg = constant.get(bytes);
    if (svg === undefined) {
      const open = '<svg xmlns="http://www.w3.org/2000/svg"><!--';
      svg = `${open}${'x'.repeat(
        Math.max(0, bytes - open.length - 9),
      )}--></svg>`;
      constant.set(bytes, svg);
    }
    res
      .set({
        'Cache-Control': 'public, max-age=300',
        'Content-Type': 'image/svg+xml; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy':
          "default-src 'none'; style-src 'unsafe-inline'",
        ETag: '"floor"',
        'Content-Length': String(svg.length),
      })
      .end(svg);
  });
  const server = http.createServer(app.use('/api/innersource', router));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  process.on('SIGTERM', () => {
    server.close();
    knex.destroy().finally(() => process.exit(0));
  });
  process.send!({
    type: 'ready',
    port: (server.address() as AddressInfo).port,
  });
}

main().catch(error => {
  process.stderr.write(`badges server failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
