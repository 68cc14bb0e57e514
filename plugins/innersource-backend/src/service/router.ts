import type {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  describeScoringModel,
  GroupSummary,
  innersourceProjectRefreshPermission,
  innersourceScoringPreviewPermission,
  parseScoringConfig,
  PreviewProject,
  ScoringConfig,
  ScoringConfigError,
  ScoringPreviewer,
  isInnerSourceProject,
  NUMERIC_METRICS,
  ProjectContributors,
  ProjectList,
  ProjectSummary,
} from '@internal/plugin-innersource-common';
import express from 'express';
import Router from 'express-promise-router';
import type { ProjectReader } from './ProjectReader';
import { entityRefFromPath, QueryParameters } from './parameters';
import type { InnerSourceSettings } from './settings';

const DAY_MS = 86_400_000;
const MAX_LIST_ROUNDS = 5;
const MAX_PREVIEW_CHANGES = 200;
const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

export interface RouterOptions {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  permissions: PermissionsService;
  logger: LoggerService;
  reader: ProjectReader;
  settings: InnerSourceSettings;
  /** The active scoring config, validated at startup. */
  scoring: ScoringConfig;
  /** Every collected project with its stored scoring input, a page at a time. */
  listScorableProjects(): AsyncIterable<PreviewProject[]>;
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
    const query = {
      owner: params.list('owner').map(o => o.toLocaleLowerCase('en-US')),
      tier: params.list('tier'),
      kind: params.list('kind').map(k => k.toLocaleLowerCase('en-US')),
      tag: params.list('tag').map(t => t.toLocaleLowerCase('en-US')),
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
    res.json(describeScoringModel(options.scoring));
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
    for await (const page of options.listScorableProjects())
      previewer.add(page);
    const preview = previewer.result();
    // The distribution counts every project; the named ones are those the caller may read.
    const named = preview.changes.slice(0, MAX_PREVIEW_CHANGES * 2);
    const namedErrors = preview.profileErrors.slice(0, MAX_PREVIEW_CHANGES);
    const visible = await readableRefs(
      [...new Set([...named, ...namedErrors].map(c => c.entityRef))],
      credentials,
    );
    res.json({
      ...preview,
      changedProjects: preview.changes.length,
      changes: named
        .filter(c => visible.has(c.entityRef))
        .slice(0, MAX_PREVIEW_CHANGES),
      profileErrors: namedErrors.filter(e => visible.has(e.entityRef)),
    });
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
