import fs from 'node:fs';
import path from 'node:path';

const BACKEND = 'http://localhost:7007';
const INGESTION_TIMEOUT_MS = 300_000;
const CATALOG_FILES = ['catalog-info.yaml', 'examples/entities.yaml'];

/** The Components the portal's catalog files declare, by name. */
function declaredComponents(root: string): string[] {
  return CATALOG_FILES.flatMap(file =>
    fs
      .readFileSync(path.join(root, file), 'utf8')
      .split(/^---$/m)
      .filter(doc => /^kind: Component$/m.test(doc))
      .map(doc => /^metadata:\n(?:\s+.*\n)*?\s+name: (\S+)$/m.exec(doc)?.[1])
      .filter((name): name is string => Boolean(name)),
  );
}

/** Names of the catalog's entities of one kind. */
async function ingested(kind: string, token: string): Promise<Set<string>> {
  const response = await fetch(
    `${BACKEND}/api/catalog/entities/by-query?filter=kind=${kind}&fields=metadata.name&limit=500`,
    { headers: { authorization: `Bearer ${token}` } },
  ).catch(() => undefined);
  if (!response?.ok) return new Set();
  const body = (await response.json()) as {
    items: Array<{ metadata: { name: string } }>;
  };
  return new Set(body.items.map(item => item.metadata.name));
}

/**
 * Before the first test: waits until the catalog has ingested every example
 * Component and the guest user the suite signs in as, so that no test starts
 * on a cold backend whose catalog is still filling.
 */
export default async function globalSetup() {
  const token = process.env.E2E_SERVICE_TOKEN;
  if (!token)
    throw new Error('E2E_SERVICE_TOKEN is set by playwright.config.ts');
  const expected = declaredComponents(path.resolve(__dirname, '../../..'));
  const deadline = Date.now() + INGESTION_TIMEOUT_MS;
  for (;;) {
    const [components, users] = await Promise.all([
      ingested('component', token),
      ingested('user', token),
    ]);
    const missing = [
      ...expected.filter(name => !components.has(name)),
      ...(users.has('guest') ? [] : ['user guest']),
    ];
    if (missing.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the catalog did not ingest ${missing.join(', ')} within ${
          INGESTION_TIMEOUT_MS / 1000
        } s`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 1_000));
  }
}
