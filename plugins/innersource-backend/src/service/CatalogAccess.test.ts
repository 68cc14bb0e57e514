import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_SELECTOR } from '@innersource-for-backstage/plugin-innersource-common';
import { CatalogAccess } from './CatalogAccess';

const OUTSIDER = 'user:default/outsider';
const SECRET = 'component:default/secret';

function component(name: string, tags = ['innersource']): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', tags },
    spec: { type: 'service', owner: 'group:default/team' },
  };
}

/** A catalog in which the outsider may not read the secret project. */
function setUp(entities: Entity[], options: { listCacheMs?: number } = {}) {
  const catalog = catalogServiceMock({ entities });
  const calls = { getEntitiesByRefs: 0, getEntityByRef: 0, listProjectRefs: 0 };
  const getEntityByRef = catalog.getEntityByRef.bind(catalog);
  catalog.getEntityByRef = (async (ref: any, opts: any) => {
    calls.getEntityByRef++;
    return String(ref) === SECRET &&
      opts.credentials.principal.userEntityRef === OUTSIDER
      ? undefined
      : getEntityByRef(ref, opts);
  }) as any;
  const getEntitiesByRefs = catalog.getEntitiesByRefs.bind(catalog);
  catalog.getEntitiesByRefs = (async (req: any, opts: any) => {
    calls.getEntitiesByRefs++;
    const response = await getEntitiesByRefs(req, opts);
    if (opts.credentials.principal.userEntityRef !== OUTSIDER) return response;
    return {
      items: response.items.map((e: Entity | undefined, i: number) =>
        req.entityRefs[i] === SECRET ? undefined : e,
      ),
    };
  }) as any;
  let projectRefs = entities.map(e => `component:default/${e.metadata.name}`);
  let now = 0;
  const access = new CatalogAccess({
    catalog,
    selector: DEFAULT_SELECTOR,
    listProjectRefs: async () => {
      calls.listProjectRefs++;
      return projectRefs;
    },
    cacheMs: 1000,
    listCacheMs: options.listCacheMs ?? 0,
    now: () => now,
  });
  return {
    access,
    calls,
    setProjectRefs: (refs: string[]) => (projectRefs = refs),
    advance: (ms: number) => (now += ms),
  };
}

const member = mockCredentials.user('user:default/member');
const outsider = mockCredentials.user(OUTSIDER);

describe('CatalogAccess', () => {
  it('answers a readable project and 404s one the caller may not read or that is no project', async () => {
    const { access } = setUp([
      component('portal'),
      component('secret'),
      component('untagged', []),
    ]);
    await expect(
      access.readableProject('component:default/portal', outsider),
    ).resolves.toMatchObject({ metadata: { name: 'portal' } });
    await expect(access.readableProject(SECRET, outsider)).rejects.toThrow(
      NotFoundError,
    );
    await expect(access.readableProject(SECRET, member)).resolves.toBeTruthy();
    await expect(
      access.readableProject('component:default/untagged', member),
    ).rejects.toThrow('is not an InnerSource project');
    await expect(
      access.readableProject('component:default/missing', member),
    ).rejects.toThrow(NotFoundError);
  });

  it('reads which refs the caller may see in chunks of 500, lower-case', async () => {
    const many = Array.from({ length: 1200 }, (_, i) =>
      component(`p${String(i).padStart(4, '0')}`),
    );
    const { access, calls } = setUp([...many, component('secret')]);
    const refs = [
      ...many.map(e => `component:default/${e.metadata.name}`),
      SECRET,
    ];
    const readable = await access.readableRefs(refs, outsider);
    expect(readable.size).toBe(1200);
    expect(readable.has(SECRET)).toBe(false);
    expect(calls.getEntitiesByRefs).toBe(3);
    expect(await access.readableRefs([], outsider)).toEqual(new Set());
  });

  it('lists every readable project by ref, never as "no filter"', async () => {
    const { access } = setUp([component('portal'), component('secret')]);
    expect(await access.readableProjects(member)).toEqual([
      'component:default/portal',
      SECRET,
    ]);
    expect(await access.readableProjects(outsider)).toEqual([
      'component:default/portal',
    ]);
  });

  it('remembers a caller’s readable projects for the cache time only, per caller', async () => {
    const { access, calls, advance } = setUp([
      component('portal'),
      component('secret'),
    ]);
    await access.readableProjects(outsider);
    await access.readableProjects(outsider);
    expect(calls.getEntitiesByRefs).toBe(1);
    await access.readableProjects(member);
    expect(calls.getEntitiesByRefs).toBe(2);
    advance(1001);
    await access.readableProjects(outsider);
    expect(calls.getEntitiesByRefs).toBe(3);
  });

  it('checks a project listed after an answer where nothing was hidden before counting it, within the cache time', async () => {
    const { access, setProjectRefs } = setUp([
      component('portal'),
      component('secret'),
    ]);
    setProjectRefs(['component:default/portal']);
    expect(await access.readableProjects(outsider)).toEqual([
      'component:default/portal',
    ]);
    setProjectRefs(['component:default/portal', SECRET]);
    expect(await access.readableProjects(outsider)).toEqual([
      'component:default/portal',
    ]);
    expect(await access.readableProjects(member)).toEqual([
      'component:default/portal',
      SECRET,
    ]);
  });

  it('remembers the catalog’s answer about one project briefly, per caller, its 404 too', async () => {
    const { access, calls, advance } = setUp([
      component('portal'),
      component('secret'),
    ]);
    for (let i = 0; i < 3; i++) {
      await expect(
        access.readableProjectRemembered('component:default/portal', outsider),
      ).resolves.toMatchObject({ metadata: { name: 'portal' } });
      await expect(
        access.readableProjectRemembered(SECRET, outsider),
      ).rejects.toThrow(NotFoundError);
    }
    expect(calls.getEntityByRef).toBe(2);
    // another caller is asked about on their own
    await expect(
      access.readableProjectRemembered(SECRET, member),
    ).resolves.toBeTruthy();
    expect(calls.getEntityByRef).toBe(3);
    advance(1001);
    await access.readableProjectRemembered(
      'component:default/portal',
      outsider,
    );
    expect(calls.getEntityByRef).toBe(4);
  });

  it('does not remember a catalog that failed', async () => {
    const { access } = setUp([component('portal')]);
    const catalog = (access as any).options.catalog;
    const working = catalog.getEntityByRef;
    catalog.getEntityByRef = async () => {
      throw new Error('catalog unavailable');
    };
    await expect(
      access.readableProjectRemembered('component:default/portal', member),
    ).rejects.toThrow('catalog unavailable');
    catalog.getEntityByRef = working;
    await expect(
      access.readableProjectRemembered('component:default/portal', member),
    ).resolves.toMatchObject({ metadata: { name: 'portal' } });
  });

  it('reads the list of projects once per listCacheMs for every caller, and a project listed since only after it', async () => {
    const { access, calls, setProjectRefs, advance } = setUp(
      [component('portal'), component('secret')],
      { listCacheMs: 500 },
    );
    setProjectRefs(['component:default/portal']);
    expect(await access.readableProjects(member)).toEqual([
      'component:default/portal',
    ]);
    setProjectRefs(['component:default/portal', SECRET]);
    // not in the list read: not served, whoever asks, until the list is read again
    expect(await access.readableProjects(outsider)).toEqual([
      'component:default/portal',
    ]);
    expect(await access.readableProjects(member)).toEqual([
      'component:default/portal',
    ]);
    expect(calls.listProjectRefs).toBe(1);

    advance(501);
    expect(await access.readableProjects(outsider)).toEqual([
      'component:default/portal',
    ]);
    expect(await access.readableProjects(member)).toEqual([
      'component:default/portal',
      SECRET,
    ]);
    expect(calls.listProjectRefs).toBe(2);
  });
});
