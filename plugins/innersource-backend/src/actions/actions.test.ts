import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_SCORING_MODEL,
  tierFor,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  collectedEntry,
  issueFact,
  projectRecord,
  repositoryFacts,
} from '../database/__testUtils__/fixtures';
import { openSnapshotStore } from '../database/SnapshotStore';
import { CatalogAccess } from '../service/CatalogAccess';
import { InnerSourceQueries } from '../service/InnerSourceQueries';
import { readSettings } from '../settings';
import { registerInnerSourceActions } from '.';
import {
  CURSOR_MAX_LENGTH,
  FILTER_MAX_VALUES,
  FILTER_VALUE_MAX_LENGTH,
  UNTRUSTED_TEXT_DESCRIPTION,
  UNTRUSTED_TEXT_NOTICE,
} from './schemas';

jest.setTimeout(60_000);

const T0 = new Date('2026-11-24T10:00:00.000Z');
const OUTSIDER = 'user:default/outsider';
const SECRET = 'component:default/secret-sauce';

/** name, owner, language, skills, score, a label only its issues carry */
const PROJECTS = [
  ['portal', 'platform-team', 'TypeScript', ['typescript', 'react'], 80, 'ui'],
  ['payments', 'payments-team', 'Go', ['go'], 30, 'billing'],
  ['secret-sauce', 'secret-team', 'Rust', ['rust'], 95, 'secret-label'],
] as const;

const records = PROJECTS.map(([name, owner, , skills]) =>
  projectRecord(name, {
    title: `ACME ${name}`,
    ownerRef: `group:default/${owner}`,
    skills: [...skills],
    tags: ['innersource', name],
  }),
);

const outsiderUser: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name: 'outsider',
    namespace: 'default',
    annotations: { 'innersource/skills': 'Rust, Go' },
  },
  spec: { memberOf: [] },
};

/** The catalog as Backstage's permission framework would answer it: the outsider may not read the secret project. */
function catalogHidingSecretFromOutsider() {
  const catalog = catalogServiceMock({
    entities: [...records.map(r => r.entity), outsiderUser],
  });
  const hidden = (ref: string, credentials: any) =>
    ref.toLocaleLowerCase('en-US') === SECRET &&
    credentials.principal.userEntityRef === OUTSIDER;
  const getEntityByRef = catalog.getEntityByRef.bind(catalog);
  catalog.getEntityByRef = (async (ref: any, opts: any) =>
    hidden(String(ref), opts.credentials)
      ? undefined
      : getEntityByRef(ref, opts)) as any;
  const getEntitiesByRefs = catalog.getEntitiesByRefs.bind(catalog);
  catalog.getEntitiesByRefs = (async (req: any, opts: any) => {
    const { items } = await getEntitiesByRefs(req, opts);
    return {
      items: items.map((e: Entity | undefined, i: number) =>
        hidden(req.entityRefs[i], opts.credentials) ? undefined : e,
      ),
    };
  }) as any;
  return catalog;
}

const tierName = (score: number) =>
  tierFor(score, DEFAULT_SCORING_MODEL.tiers).name;

describe('InnerSource actions', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setUp(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    expect(await store.writer.upsertProjects(records, T0)).toEqual([]);
    const failures = await store.writer.saveManyCollected(
      PROJECTS.map(([name, , language, , score, label], i) => {
        const repository = `acme/${name}`;
        return collectedEntry(records[i], T0, score, {
          facts: repositoryFacts(name, T0, {
            primaryLanguage: language,
            helpWantedIssues: [
              issueFact(repository, 101, { labels: ['help wanted', label] }),
              issueFact(repository, 102, {
                labels: ['good first issue', label],
              }),
            ],
          }),
        });
      }),
    );
    expect(failures).toEqual([]);
    const registry = actionsRegistryServiceMock();
    const catalog = catalogHidingSecretFromOutsider();
    registerInnerSourceActions(
      registry,
      new InnerSourceQueries({
        catalog,
        userInfo: mockServices.userInfo(),
        reader: store.reader,
        access: new CatalogAccess({
          catalog,
          selector: readSettings(new ConfigReader({})).selector,
          listProjectRefs: () => store.reader.listActiveProjectRefs(),
        }),
      }),
    );
    const invoke = async (
      name: string,
      input: Record<string, any>,
      credentials: BackstageCredentials = mockCredentials.user(OUTSIDER),
    ) =>
      (await registry.invoke({ id: `test:${name}`, input, credentials }))
        .output as any;
    return { registry, invoke };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    describe('list-innersource-projects', () => {
      it('lists only what the user may read, highest score first, in the page, the total and every facet', async () => {
        const { invoke } = await setUp(databaseId);
        const out = await invoke('list-innersource-projects', {});
        expect(out.projects.map((p: any) => p.entityRef)).toEqual([
          'component:default/portal',
          'component:default/payments',
        ]);
        expect(out.total).toBe(2);
        expect(out.nextCursor).toBeUndefined();
        expect(out.projects[0]).toMatchObject({
          title: 'ACME portal',
          owner: 'group:default/platform-team',
          status: 'collected',
          score: 80,
          tier: tierName(80),
          language: 'TypeScript',
          skills: ['typescript', 'react'],
          helpWantedIssues: 2,
        });
        const facetValues = Object.values(out.facets).flatMap((counts: any) =>
          counts.map((c: any) => String(c.value).toLocaleLowerCase('en-US')),
        );
        expect(facetValues).toEqual(
          expect.arrayContaining(['group:default/payments-team', 'go']),
        );
        for (const leak of [
          'group:default/secret-team',
          'rust',
          'secret-sauce',
        ])
          expect(facetValues).not.toContain(leak);
        expect(out.facets.tiers).toEqual(
          expect.arrayContaining([{ value: tierName(80), count: 1 }]),
        );
      });

      it('lists every project to a service, which the catalog lets read them all', async () => {
        const { invoke } = await setUp(databaseId);
        const out = await invoke(
          'list-innersource-projects',
          {},
          mockCredentials.service(),
        );
        expect(out.projects.map((p: any) => p.entityRef)).toEqual([
          SECRET,
          'component:default/portal',
          'component:default/payments',
        ]);
        expect(out.total).toBe(3);
      });

      it("applies the directory's filters and pages with its cursor", async () => {
        const { invoke } = await setUp(databaseId);
        const service = mockCredentials.service();
        const goOnly = await invoke(
          'list-innersource-projects',
          { language: ['go'] },
          service,
        );
        expect(goOnly.projects.map((p: any) => p.entityRef)).toEqual([
          'component:default/payments',
        ]);
        const first = await invoke(
          'list-innersource-projects',
          { limit: 1, sort: 'name' },
          service,
        );
        expect(first.projects.map((p: any) => p.entityRef)).toEqual([
          'component:default/payments',
        ]);
        const second = await invoke(
          'list-innersource-projects',
          { limit: 1, sort: 'name', cursor: first.nextCursor },
          service,
        );
        expect(second.projects.map((p: any) => p.entityRef)).toEqual([
          'component:default/portal',
        ]);
      });

      it("refuses input off the route's rules, naming the action's field", async () => {
        const { invoke } = await setUp(databaseId);
        await expect(
          invoke('list-innersource-projects', { words: 'a\u0000b' }),
        ).rejects.toThrow('words must not contain control characters');
        await expect(
          invoke('list-innersource-projects', { limit: 500 }),
        ).rejects.toThrow('Invalid input to action');
        await expect(
          invoke('list-innersource-projects', { cursor: 'not-a-cursor' }),
        ).rejects.toThrow('cursor is not valid');
      });
    });

    describe('find-help-wanted-tasks', () => {
      it('finds only the tasks of projects the user may read, in the page, the total and every facet', async () => {
        const { invoke } = await setUp(databaseId);
        const out = await invoke('find-help-wanted-tasks', {});
        expect(out.total).toBe(4);
        expect(
          [...new Set(out.tasks.map((t: any) => t.projectEntityRef))].sort(),
        ).toEqual(['component:default/payments', 'component:default/portal']);
        const facetValues = Object.values(out.facets).flatMap((counts: any) =>
          counts.map((c: any) => String(c.value).toLocaleLowerCase('en-US')),
        );
        expect(facetValues).toEqual(
          expect.arrayContaining(['billing', 'go', 'ui']),
        );
        for (const leak of [
          'secret-label',
          'rust',
          'group:default/secret-team',
        ])
          expect(facetValues).not.toContain(leak);
      });

      it('gives each task what an assistant sends a person to', async () => {
        const { invoke } = await setUp(databaseId);
        const out = await invoke('find-help-wanted-tasks', {
          words: 'payments',
          goodFirstIssue: true,
        });
        expect(out.total).toBe(1);
        expect(out.tasks).toEqual([
          expect.objectContaining({
            title: 'Add pagination to the acme/payments search endpoint (#102)',
            url: 'https://github.com/acme/payments/issues/102',
            labels: ['good first issue', 'billing'],
            goodFirstIssue: true,
            projectEntityRef: 'component:default/payments',
            projectTitle: 'ACME payments',
            owner: 'group:default/payments-team',
            language: 'Go',
            projectSkills: ['go'],
            matchedSkills: [],
          }),
        ]);
      });

      it("ranks for the calling user's skills with forMe, never reaching a project they may not read", async () => {
        const { invoke } = await setUp(databaseId);
        const out = await invoke('find-help-wanted-tasks', { forMe: true });
        expect(out.rankedFor).toEqual({
          skills: ['rust', 'go'],
          skillsFrom: 'user',
        });
        // rust would match the secret project best: it is not there at all
        expect(out.total).toBe(4);
        expect(out.tasks.map((t: any) => t.projectEntityRef)).toEqual([
          'component:default/payments',
          'component:default/payments',
          'component:default/portal',
          'component:default/portal',
        ]);
        expect(out.tasks[0].matchedSkills).toEqual(['go']);
      });

      it('searches every project for a service, but refuses it forMe with a clear error', async () => {
        const { invoke } = await setUp(databaseId);
        const service = mockCredentials.service();
        const out = await invoke('find-help-wanted-tasks', {}, service);
        expect(out.total).toBe(6);
        await expect(
          invoke('find-help-wanted-tasks', { forMe: true }, service),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringContaining('only a user may ask for it'),
        });
      });
    });

    describe('explain-project-score', () => {
      it('explains the score: dimensions with their reasons and failing checks with advice', async () => {
        const { invoke } = await setUp(databaseId);
        const out = await invoke('explain-project-score', {
          entityRef: 'component:payments',
        });
        expect(out).toMatchObject({
          entityRef: 'component:default/payments',
          status: 'collected',
          score: 30,
          tier: tierName(30),
          profile: 'default',
          passedChecks: ['README'],
          failingChecks: [
            {
              id: 'contributing',
              title: 'Contribution guide',
              weight: 3,
              advice: 'Add a CONTRIBUTING.md that tells outsiders how to help.',
            },
          ],
          repositoryUrl: 'https://github.com/acme/payments',
          errors: [],
        });
        expect(out.dimensions).toContainEqual({
          id: 'activity',
          title: 'Activity',
          value: 30,
          weight: 30,
          points: 9,
          reason: 'activity is 30 of 100.',
        });
      });

      it('answers a project the user may not read exactly as one that does not exist', async () => {
        const { invoke } = await setUp(databaseId);
        const refusal = await invoke('explain-project-score', {
          entityRef: SECRET,
        }).catch(e => e);
        const unknown = await invoke('explain-project-score', {
          entityRef: 'component:default/no-such-thing',
        }).catch(e => e);
        expect(refusal.name).toBe('NotFoundError');
        expect(unknown.name).toBe('NotFoundError');
        expect(refusal.message.replace(SECRET, 'REF')).toBe(
          unknown.message.replace('component:default/no-such-thing', 'REF'),
        );

        const forService = await invoke(
          'explain-project-score',
          { entityRef: SECRET },
          mockCredentials.service(),
        );
        expect(forService.score).toBe(95);
      });

      it('says how to write an entity ref it cannot read', async () => {
        const { invoke } = await setUp(databaseId);
        await expect(
          invoke('explain-project-score', { entityRef: 'portal' }),
        ).rejects.toThrow(
          'entityRef must look like kind:namespace/name, e.g. component:default/portal, got "portal"',
        );
      });
    });

    it('registers every action as read-only and idempotent, with its schemas', async () => {
      const { registry } = await setUp(databaseId);
      const { actions } = await registry.list();
      expect(actions.map(a => a.name).sort()).toEqual([
        'explain-project-score',
        'find-help-wanted-tasks',
        'list-innersource-projects',
      ]);
      for (const action of actions) {
        expect(action.attributes).toEqual({
          readOnly: true,
          idempotent: true,
          destructive: false,
        });
        expect(action.description.length).toBeGreaterThan(200);
        expect(action.description).toContain(UNTRUSTED_TEXT_DESCRIPTION);
        expect(action.schema.output).toMatchObject({
          properties: { notice: { type: 'string' } },
        });
      }
    });

    it.each([
      [
        'list-innersource-projects',
        ['owner', 'tier', 'kind', 'tag', 'skills', 'language'],
      ],
      ['find-help-wanted-tasks', ['skills', 'language']],
    ])('%s bounds every list it takes and its cursor', async (name, lists) => {
      const { registry, invoke } = await setUp(databaseId);
      const { actions } = await registry.list();
      const input = actions.find(a => a.name === name)!.schema.input as any;
      for (const list of lists) {
        expect({ list, schema: input.properties[list] }).toMatchObject({
          list,
          schema: {
            maxItems: FILTER_MAX_VALUES,
            items: { maxLength: FILTER_VALUE_MAX_LENGTH },
          },
        });
      }
      expect(input.properties.cursor.maxLength).toBe(CURSOR_MAX_LENGTH);
      const tooMany = Array.from(
        { length: FILTER_MAX_VALUES + 1 },
        (_, i) => `skill-${i}`,
      );
      await expect(invoke(name, { skills: tooMany })).rejects.toThrow(
        'Invalid input to action',
      );
      await expect(
        invoke(name, { skills: ['x'.repeat(FILTER_VALUE_MAX_LENGTH + 1)] }),
      ).rejects.toThrow('Invalid input to action');
      await expect(
        invoke(name, { cursor: 'c'.repeat(CURSOR_MAX_LENGTH + 1) }),
      ).rejects.toThrow('Invalid input to action');
      // at the bounds, the action answers
      const answer = await invoke(name, {
        skills: tooMany.slice(0, FILTER_MAX_VALUES),
      });
      expect(answer.notice).toBe(UNTRUSTED_TEXT_NOTICE);
    });

    it('marks the text in every answer as untrusted data from repositories and entities', async () => {
      const { invoke } = await setUp(databaseId);
      const answers = [
        await invoke('list-innersource-projects', {}),
        await invoke('find-help-wanted-tasks', {}),
        await invoke('explain-project-score', {
          entityRef: 'component:default/portal',
        }),
      ];
      for (const answer of answers) {
        expect(Object.keys(answer)[0]).toBe('notice');
        expect(answer.notice).toBe(UNTRUSTED_TEXT_NOTICE);
      }
      await expect(
        invoke('explain-project-score', {
          entityRef: `component:default/${'x'.repeat(300)}`,
        }),
      ).rejects.toThrow('Invalid input to action');
    });
  });
});
