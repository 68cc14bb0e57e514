import type {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ActiveScoring,
  describeScoringModel,
  scoringBlockOf,
  ScoringPreviewResponse,
  GroupSummary,
  innersourceProjectRefreshPermission,
  innersourceScoringPreviewPermission,
  parseScoringConfig,
  ScoringConfig,
  ScoringConfigError,
  ScoringPreviewer,
  isInnerSourceProject,
  NUMERIC_METRICS,
  ProjectContributors,
  ProjectList,
  ProjectSummary,
  TASK_SORTS,
  TaskMatchProfile,
  TaskQuery,
  INNERSOURCE_ANNOTATIONS,
  parseListAnnotation,
} from '@internal/plugin-innersource-common';
import express from 'express';
import Router from 'express-promise-router';
import type { ProjectReader } from '../database/ProjectReader';
import { entityRefFromPath, QueryParameters } from './parameters';
import type { InnerSourceSettings } from '../settings';

const DAY_MS = 86_400_000;
const MAX_LIST_ROUNDS = 5;
const MAX_PREVIEW_CHANGES = 200;
const READABLE_CACHE_MS = 30_000;
const READABLE_CHUNK = 500;
const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

export interface RouterOptions {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  catalog: CatalogService;
  permissions: PermissionsService;
  logger: LoggerService;
  reader: ProjectReader;
  settings: InnerSourceSettings;
  /** The active scoring config, validated at startup. */
  scoring: ScoringConfig;
  /** `innersource.scoring` as app-config sets it, if it does. */
  scoringBlock?: Record<string, unknown>;
  /** Starts collecting one project now; resolves when it was queued. */
  requestRefresh(entity: Entity): 'queued' | 'already queued';
}

function pendingSummary(entityRef: string, entity: Entity): ProjectSummary {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  return {
    entityRef,
    title: entity.metadata.title,
    owner: typeof spec.owner === 'string' ? spec.owner : undefined,
    system: typeof spec.system === 'string' ? spec.system : undefined,
    status: 'pending',
    score: null,
    tier: null,
    profile: null,
    dimensions: [],
    metrics: null,
    readiness: [],
    activity: null,
    repository: null,
    refreshedAt: null,
    checkedAt: null,
    errors: [],
  };
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, catalog, permissions, reader, settings } = options;
  const router = Router();
  router.use(express.json());

  const userCredentials = (req: express.Request) => httpAuth.credentials(req);

  /** The project entity if the caller may read it in the catalog; 404 otherwise. */
  async function readableProject(
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} that you may read`);
    if (!isInnerSourceProject(entity, settings.selector)) {
      throw new NotFoundError(`${entityRef} is not an InnerSource project`);
    }
    return entity;
  }

  async function readableRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ) {
    if (refs.length === 0) return new Set<string>();
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: REF_FIELDS },
      { credentials },
    );
    return new Set(
      items
        .filter((e): e is Entity => Boolean(e))
        .map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')),
    );
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/projects', async (req, res) => {
    const params = new QueryParameters(req.query);
    const limit = params.integer('limit', { min: 1, max: 100, fallback: 20 });
    const q = params.optionalString('q')?.trim();
    if (q && q.length > 200) {
      throw new InputError(`q must be at most 200 characters, got ${q.length}`);
    }
    const query = {
      owner: params.list('owner').map(o => o.toLocaleLowerCase('en-US')),
      tier: params.list('tier'),
      kind: params.list('kind').map(k => k.toLocaleLowerCase('en-US')),
      tag: params.list('tag').map(t => t.toLocaleLowerCase('en-US')),
      skill: params.list('skill').map(t => t.toLocaleLowerCase('en-US')),
      asking: params.boolean('asking'),
      ...(q ? { q } : {}),
    };
    const credentials = await userCredentials(req);
    const result: ProjectList = { items: [] };
    let cursor = params.optionalString('cursor');
    // Pages are filtered by what the caller may read, so a page may need more than one round.
    for (let round = 0; round < MAX_LIST_ROUNDS; round++) {
      const page = await reader.listProjects({
        ...query,
        limit: limit - result.items.length,
        cursor,
      });
      const readable = await readableRefs(
        page.items.map(i => i.entityRef),
        credentials,
      );
      result.items.push(...page.items.filter(i => readable.has(i.entityRef)));
      cursor = page.nextCursor;
      if (!cursor || result.items.length >= limit) break;
    }
    if (cursor) result.nextCursor = cursor;
    res.json(result);
  });

  /** The projects the caller may read, remembered briefly per caller. */
  const readableProjectsCache = new Map<
    string,
    { at: number; refs: Promise<string[] | 'all'> }
  >();
  async function readableProjects(
    credentials: BackstageCredentials,
  ): Promise<string[] | 'all'> {
    const principal = credentials.principal as {
      type?: string;
      userEntityRef?: string;
      subject?: string;
    };
    const key =
      principal.userEntityRef ?? `${principal.type}:${principal.subject}`;
    const cached = readableProjectsCache.get(key);
    if (cached && Date.now() - cached.at < READABLE_CACHE_MS)
      return cached.refs;
    const refs = (async () => {
      const all = await reader.listActiveProjectRefs();
      const readable = new Set<string>();
      for (let i = 0; i < all.length; i += READABLE_CHUNK) {
        for (const ref of await readableRefs(
          all.slice(i, i + READABLE_CHUNK),
          credentials,
        ))
          readable.add(ref);
      }
      return readable.size === all.length
        ? ('all' as const)
        : all.filter(ref => readable.has(ref));
    })();
    readableProjectsCache.set(key, { at: Date.now(), refs });
    refs.catch(() => readableProjectsCache.delete(key));
    if (readableProjectsCache.size > 1000) {
      const oldest = readableProjectsCache.keys().next().value;
      if (oldest !== undefined) readableProjectsCache.delete(oldest);
    }
    return refs;
  }

  /** The signed-in user's skills (their own, else their teams'), and the owners "for me" hides. */
  async function matchProfile(
    credentials: BackstageCredentials,
  ): Promise<TaskMatchProfile> {
    const { userEntityRef, ownershipEntityRefs } =
      await options.userInfo.getUserInfo(credentials);
    const skillsOf = (entity: Entity | undefined) =>
      parseListAnnotation(
        entity?.metadata.annotations?.[INNERSOURCE_ANNOTATIONS.skills],
      );
    const hiddenOwners = [
      ...new Set(
        [userEntityRef, ...ownershipEntityRefs].map(r =>
          r.toLocaleLowerCase('en-US'),
        ),
      ),
    ];
    const user = await catalog.getEntityByRef(userEntityRef, { credentials });
    const own = skillsOf(user);
    if (own.length) return { skills: own, skillsFrom: 'user', hiddenOwners };
    const teamRefs = ownershipEntityRefs.filter(r =>
      r.toLocaleLowerCase('en-US').startsWith('group:'),
    );
    const { items: teams } = teamRefs.length
      ? await catalog.getEntitiesByRefs(
          { entityRefs: teamRefs, fields: ['metadata.annotations'] },
          { credentials },
        )
      : { items: [] };
    const seen = new Set<string>();
    const teamSkills = teams
      .flatMap(team => skillsOf(team ?? undefined))
      .filter(skill => {
        const key = skill.toLocaleLowerCase('en-US');
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    return {
      skills: teamSkills,
      skillsFrom: teamSkills.length ? 'teams' : 'none',
      hiddenOwners,
    };
  }

  router.get('/tasks', async (req, res) => {
    const params = new QueryParameters(req.query);
    const q = params.optionalString('q')?.trim();
    if (q && q.length > 200) {
      throw new InputError(`q must be at most 200 characters, got ${q.length}`);
    }
    const forMe = params.boolean('forMe') ?? false;
    const updatedWithinDays = params.optionalString('updatedWithinDays')
      ? params.integer('updatedWithinDays', { min: 1, max: 3650, fallback: 0 })
      : undefined;
    const query: TaskQuery = {
      ...(q ? { q } : {}),
      label: params.list('label'),
      goodFirst: params.boolean('goodFirst'),
      project: params.list('project').map(p => p.toLocaleLowerCase('en-US')),
      owner: params.list('owner').map(o => o.toLocaleLowerCase('en-US')),
      system: params.list('system').map(o => o.toLocaleLowerCase('en-US')),
      skill: params.list('skill'),
      language: params.list('language'),
      tier: params.list('tier'),
      ...(updatedWithinDays ? { updatedWithinDays } : {}),
      sort: params.oneOf('sort', TASK_SORTS, forMe ? 'match' : 'updated'),
      limit: params.integer('limit', { min: 1, max: 100, fallback: 20 }),
      cursor: params.optionalString('cursor') || undefined,
      facets: params.boolean('facets') ?? true,
    };
    if (query.sort === 'match' && !forMe) {
      throw new InputError(
        'sort=match ranks by your skills and needs forMe=true',
      );
    }
    const credentials = forMe
      ? await httpAuth.credentials(req, { allow: ['user'] })
      : await userCredentials(req);
    const readable = await readableProjects(credentials);
    res.json(
      await reader.searchTasks(
        query,
        readable,
        forMe ? await matchProfile(credentials) : undefined,
      ),
    );
  });

  router.get('/projects/:namespace/:kind/:name', async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const entity = await readableProject(entityRef, await userCredentials(req));
    const summary = await reader.getProjectSummary(entityRef);
    res.json(summary ?? pendingSummary(entityRef, entity));
  });

  router.get('/projects/:namespace/:kind/:name/history', async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const params = new QueryParameters(req.query);
    const metric = params.oneOf('metric', NUMERIC_METRICS);
    if (!metric) {
      throw new InputError(
        `metric is required: one of ${NUMERIC_METRICS.join(', ')}`,
      );
    }
    const days = params.integer('days', { min: 1, max: 3650, fallback: 90 });
    await readableProject(entityRef, await userCredentials(req));
    const points = await reader.getMetricHistory(
      entityRef,
      metric,
      new Date(Date.now() - days * DAY_MS),
    );
    res.json({ entityRef, metric, points });
  });

  router.get(
    '/projects/:namespace/:kind/:name/contributors',
    async (req, res) => {
      const entityRef = entityRefFromPath(req.params);
      await readableProject(entityRef, await userCredentials(req));
      const contributors = await reader.getContributors(entityRef);
      const body: ProjectContributors = {
        entityRef,
        inside: contributors.filter(c => c.side === 'inside'),
        outside: contributors.filter(c => c.side === 'outside'),
        unmapped: contributors.filter(c => c.side === 'unmapped'),
      };
      res.json(body);
    },
  );

  router.get('/groups/:namespace/:name', async (req, res) => {
    const groupRef = entityRefFromPath({ ...req.params, kind: 'group' });
    const credentials = await userCredentials(req);
    const group = await catalog.getEntityByRef(groupRef, { credentials });
    if (!group)
      throw new NotFoundError(`No group ${groupRef} that you may read`);
    const summary = await reader.getGroupSummary(groupRef);
    const visible = await readableRefs(
      [
        ...new Set([
          ...summary.projects.map(p => p.entityRef),
          ...summary.given.map(f => f.projectRef),
          ...summary.received.map(f => f.projectRef),
        ]),
      ],
      credentials,
    );
    const body: GroupSummary = {
      groupRef,
      projects: summary.projects.filter(p => visible.has(p.entityRef)),
      given: summary.given.filter(f => visible.has(f.projectRef)),
      received: summary.received.filter(f => visible.has(f.projectRef)),
    };
    res.json(body);
  });

  router.get('/scoring', async (req, res) => {
    await userCredentials(req);
    const body: ActiveScoring = {
      ...describeScoringModel(options.scoring),
      block: options.scoringBlock ?? scoringBlockOf(options.scoring.model),
      histogram: await reader.getScoreHistogram(),
    };
    res.json(body);
  });

  router.post('/scoring/preview', async (req, res) => {
    const credentials = await userCredentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: innersourceScoringPreviewPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'You may not preview scoring changes (innersource.scoring.preview)',
      );
    }
    const body = req.body as { scoring?: unknown } | undefined;
    if (
      !body ||
      typeof body !== 'object' ||
      Array.isArray(body) ||
      typeof body.scoring !== 'object' ||
      body.scoring === null ||
      Array.isArray(body.scoring)
    ) {
      throw new InputError(
        'The body must be a JSON object { "scoring": { … } } holding a block shaped like innersource.scoring',
      );
    }
    let candidate: ScoringConfig;
    try {
      candidate = parseScoringConfig(body.scoring);
    } catch (error) {
      if (error instanceof ScoringConfigError)
        throw new InputError(error.message);
      throw error;
    }
    const previewer = new ScoringPreviewer(
      candidate,
      new Date(),
      options.scoring.model.tiers.map(t => t.name),
    );
    for await (const page of reader.listScorableProjects()) previewer.add(page);
    const preview = previewer.result();
    // The distribution counts every project; the named ones are those the caller may read.
    const named = preview.changes.slice(0, MAX_PREVIEW_CHANGES * 2);
    const namedErrors = preview.profileErrors.slice(0, MAX_PREVIEW_CHANGES);
    const visible = await readableRefs(
      [...new Set([...named, ...namedErrors].map(c => c.entityRef))],
      credentials,
    );
    const response: ScoringPreviewResponse = {
      ...preview,
      changedProjects: preview.changes.length,
      changes: named
        .filter(c => visible.has(c.entityRef))
        .slice(0, MAX_PREVIEW_CHANGES),
      profileErrors: namedErrors.filter(e => visible.has(e.entityRef)),
    };
    res.json(response);
  });

  router.post('/refresh/:namespace/:kind/:name', async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const credentials = await userCredentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: innersourceProjectRefreshPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'You may not refresh InnerSource projects (innersource.project.refresh)',
      );
    }
    const entity = await readableProject(entityRef, credentials);
    res.status(202).json({ status: options.requestRefresh(entity) });
  });

  return router;
}
