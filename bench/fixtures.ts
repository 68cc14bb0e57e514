/* Fakes for benchmarks only: an in-memory catalog and a provider that makes up realistic facts. */
import type { Entity } from '@backstage/catalog-model';
import type { RepositoryFacts } from '../plugins/innersource-common/src';
import type {
  CollectRequest,
  CollectResult,
  InnerSourceProvider,
  RepositoryLocation,
} from '../plugins/innersource-node/src';

/** Deterministic PRNG (mulberry32), so every run measures the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++)
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export const TEAMS = 40;
export const USERS = 400;

export function syntheticOrg(): Entity[] {
  const entities: Entity[] = [];
  for (let t = 0; t < TEAMS; t++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${t}`, namespace: 'default' },
      spec: { type: 'team', children: [] },
    });
  }
  for (let u = 0; u < USERS; u++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: {
        name: `user-${u}`,
        namespace: 'default',
        annotations: { 'github.com/user-login': `login-${u}` },
      },
      spec: {
        profile: { email: `user-${u}@acme.example` },
        memberOf: [`team-${u % TEAMS}`],
      },
    });
  }
  return entities;
}

export function syntheticProjects(count: number): Entity[] {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `project-${i}`,
      namespace: 'default',
      description:
        i % 3
          ? 'A service that other teams depend on every day for payments and search'
          : undefined,
      tags: ['innersource', i % 2 ? 'java' : 'go'],
      annotations: {
        'github.com/project-slug': `acme/project-${i}`,
        'innersource/skills': 'java,go',
      },
    },
    spec: {
      type: i % 4 ? 'service' : 'library',
      lifecycle: 'production',
      owner: `group:default/team-${i % TEAMS}`,
      system: `system-${i % 25}`,
    },
  }));
}

function matches(
  entity: Entity,
  filter: Record<string, string | string[]>,
): boolean {
  return Object.entries(filter).every(([key, expected]) => {
    const accepted = (Array.isArray(expected) ? expected : [expected]).map(v =>
      v.toLowerCase(),
    );
    let actual: unknown;
    if (key === 'kind') actual = entity.kind;
    else if (key === 'metadata.tags') actual = entity.metadata.tags;
    else if (key.startsWith('metadata.annotations.'))
      actual = entity.metadata.annotations?.[key.slice(21)];
    else actual = undefined;
    const values = Array.isArray(actual)
      ? actual
      : actual === undefined
      ? []
      : [actual];
    return values.some(v => accepted.includes(String(v).toLowerCase()));
  });
}

/** Enough of the catalog service for the refresh job and the API: filters, cursor paging, refs. */
export function fakeCatalog(entities: Entity[]): any {
  const byRef = new Map(
    entities.map(e => [
      `${e.kind}:${e.metadata.namespace ?? 'default'}/${
        e.metadata.name
      }`.toLowerCase(),
      e,
    ]),
  );
  const queries = new Map<string, Entity[]>();
  return {
    async queryEntities(request: any) {
      let list: Entity[];
      let offset = 0;
      if (request.cursor) {
        const [id, start] = request.cursor.split(':');
        list = queries.get(id)!;
        offset = Number(start);
      } else {
        const filters = Array.isArray(request.filter)
          ? request.filter
          : request.filter
          ? [request.filter]
          : [];
        list = filters.length
          ? entities.filter(e => filters.some((f: any) => matches(e, f)))
          : entities;
        const id = String(queries.size);
        queries.set(id, list);
        request = { ...request, cursor: `${id}:0` };
      }
      const limit = request.limit ?? 500;
      const id = request.cursor.split(':')[0];
      const next = offset + limit;
      return {
        items: list.slice(offset, next),
        totalItems: list.length,
        pageInfo: {
          nextCursor: next < list.length ? `${id}:${next}` : undefined,
        },
      };
    },
    async getEntityByRef(ref: string) {
      return byRef.get(String(ref).toLowerCase());
    },
    async getEntitiesByRefs(request: { entityRefs: string[] }) {
      return { items: request.entityRefs.map(r => byRef.get(r.toLowerCase())) };
    },
  };
}

const DAY = 86_400_000;

/** Facts of a lively repository: commits, pull requests and labelled issues from a mix of people. */
export function syntheticFacts(
  entityRef: string,
  seed: number,
  now: Date,
): RepositoryFacts {
  const random = prng(seed);
  const person = () => {
    const u = Math.floor(random() * USERS * 1.2);
    return u < USERS
      ? {
          name: `User ${u}`,
          email: `user-${u}@acme.example`,
          login: `login-${u}`,
        }
      : { name: `Contractor ${u}`, email: `c${u}@vendor.example` };
  };
  const at = (maxDays: number) =>
    new Date(now.getTime() - random() * maxDays * DAY).toISOString();
  const commits = Array.from(
    { length: 20 + Math.floor(random() * 60) },
    (_, i) => ({ sha: `${seed}-${i}`, author: person(), committedAt: at(90) }),
  );
  const pullRequests = Array.from({ length: 20 }, (_, i) => {
    const createdAt = at(90);
    const state =
      random() < 0.6 ? 'merged' : random() < 0.5 ? 'closed' : 'open';
    const later = (hours: number) =>
      new Date(
        Date.parse(createdAt) + random() * hours * 3_600_000,
      ).toISOString();
    return {
      id: String(i),
      author: person(),
      createdAt,
      state: state as 'merged' | 'closed' | 'open',
      ...(state === 'merged' ? { mergedAt: later(96) } : {}),
      ...(state === 'closed' ? { closedAt: later(96) } : {}),
      ...(random() < 0.8 ? { firstResponseAt: later(48) } : {}),
    };
  });
  const helpWantedIssues = Array.from({ length: 5 }, (_, i) => ({
    id: `${entityRef}#${i}`,
    number: i + 1,
    title: `Improve ${
      ['logging', 'docs', 'tests', 'retries', 'metrics'][i]
    } in ${entityRef}`,
    url: `https://github.example/${entityRef}/issues/${i + 1}`,
    labels: i % 2 ? ['help wanted'] : ['good first issue', 'help wanted'],
    createdAt: at(300),
    updatedAt: at(60),
    comments: Math.floor(random() * 8),
  }));
  return {
    provider: 'github',
    repository: entityRef,
    collectedAt: now.toISOString(),
    windowDays: 90,
    description: 'Synthetic repository for benchmarks',
    defaultBranch: 'main',
    primaryLanguage: random() < 0.5 ? 'Java' : 'Go',
    stars: Math.floor(random() * 200),
    forks: Math.floor(random() * 40),
    watchers: Math.floor(random() * 30),
    openIssues: Math.floor(random() * 50),
    createdAt: at(2000),
    updatedAt: at(20),
    weeklyCommits: Array.from({ length: 13 }, () => Math.floor(random() * 12)),
    commits,
    pullRequests,
    issuesOpened: Math.floor(random() * 30),
    helpWantedIssues,
    files: {
      readme: true,
      contributing: random() < 0.6,
      codeowners: random() < 0.5,
      license: true,
      issueTemplate: random() < 0.4,
      pullRequestTemplate: random() < 0.4,
      innersourceJson: false,
    },
    innersourceJson: null,
  };
}

/** A provider that answers from `syntheticFacts`, as a forge module would, in batches of 25. */
export class SyntheticProvider implements InnerSourceProvider {
  readonly id = 'synthetic';
  readonly hosts = ['github.com'];
  readonly batchSize = 25;
  constructor(private readonly now: Date) {}
  supports(location: RepositoryLocation) {
    return location.type === 'github';
  }
  async collect(requests: CollectRequest[]): Promise<CollectResult[]> {
    return requests.map(r => ({
      entityRef: r.entityRef,
      outcome: 'collected' as const,
      facts: syntheticFacts(r.entityRef, hash(r.entityRef), this.now),
    }));
  }
}
