import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ActiveScoring,
  AGGREGATE_SCOPE,
  DAY_MS,
  describeScoringModel,
  GroupSummary,
  innersourceProjectRefreshPermission,
  innersourceScoringPreviewPermission,
  NUMERIC_METRICS,
  ProjectContributors,
  ProjectList,
  ProjectSummary,
  ScoringConfig,
  scoringBlockOf,
} from '@innersource-for-backstage/plugin-innersource-common';
import express from 'express';
import Router from 'express-promise-router';
import type { ProjectReader } from '../database/ProjectReader';
import type { RefreshRequestAnswer } from '../refresh/RefreshRequests';
import type { InnerSourceSettings } from '../settings';
import type { InnerSourceQueries } from './InnerSourceQueries';
import { entityRefFromPath, QueryParameters } from './parameters';
import { principalRef } from './principal';
import { parseProjectListQuery, parseTaskQuery } from './queries';
import {
  requireEntityPermission,
  requirePermission,
} from './requirePermission';
import {
  onlyReadable,
  parsePreviewCandidate,
  previewScoring,
} from './scoringPreview';
import { readableGroupSummary, withoutUnreadableRefs } from './readableViews';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  /** The answers routes and actions share, built once in plugin.ts. */
  queries: InnerSourceQueries;
  catalog: CatalogService;
  permissions: PermissionsService;
  logger: LoggerService;
  reader: ProjectReader;
  settings: InnerSourceSettings;
  /** The active scoring config, validated at startup. */
  scoring: ScoringConfig;
  /** `innersource.scoring` as app-config sets it, if it does. */
  scoringBlock?: Record<string, unknown>;
  /** Queues collecting one project now, for whom asked; answers without waiting for the forge. */
  requestRefresh(
    entity: Entity,
    requestedBy: string,
  ): RefreshRequestAnswer | Promise<RefreshRequestAnswer>;
}

/** The routes of /api/innersource: stored snapshots only, filtered by what the caller may read. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, catalog, permissions, reader } = options;
  const { queries } = options;
  const { access } = queries;
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/projects', async (req, res) => {
    const query = parseProjectListQuery(req.query);
    const body: ProjectList = await queries.listProjects(
      query,
      await httpAuth.credentials(req),
    );
    res.json(body);
  });

  router.get('/tasks', async (req, res) => {
    const { query, forMe } = parseTaskQuery(req.query);
    const credentials = await httpAuth.credentials(req);
    res.json(await queries.searchTasks(query, forMe, credentials));
  });

  router.get('/projects/:namespace/:kind/:name', async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const body: ProjectSummary = await queries.projectSummary(
      entityRef,
      await httpAuth.credentials(req),
    );
    res.json(body);
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
    await access.readableProject(entityRef, await httpAuth.credentials(req));
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
      const credentials = await httpAuth.credentials(req);
      await access.readableProject(entityRef, credentials);
      const contributors = await withoutUnreadableRefs(
        await reader.getContributors(entityRef),
        refs => access.readableRefs(refs, credentials),
      );
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
    const credentials = await httpAuth.credentials(req);
    const group = await catalog.getEntityByRef(groupRef, { credentials });
    if (!group)
      throw new NotFoundError(`No group ${groupRef} that you may read`);
    const body: GroupSummary = {
      groupRef,
      ...(await readableGroupSummary(
        await reader.getGroupSummary(groupRef),
        refs => access.readableRefs(refs, credentials),
      )),
    };
    res.json(body);
  });

  router.get('/scoring', async (req, res) => {
    const readable = await access.readableProjects(
      await httpAuth.credentials(req),
    );
    const body: ActiveScoring = {
      ...describeScoringModel(options.scoring),
      block: options.scoringBlock ?? scoringBlockOf(options.scoring.model),
      histogram: await reader.getScoreHistogram(readable),
      scope: AGGREGATE_SCOPE,
    };
    res.json(body);
  });

  router.post('/scoring/preview', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    await requirePermission(
      permissions,
      innersourceScoringPreviewPermission,
      credentials,
      'preview scoring changes',
    );
    const candidate = parsePreviewCandidate(req.body);
    const readable = await access.readableProjects(credentials);
    res.json(
      await previewScoring({
        candidate,
        current: options.scoring,
        projects: onlyReadable(reader.listScorableProjects(), readable),
      }),
    );
  });

  router.post('/refresh/:namespace/:kind/:name', async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const credentials = await httpAuth.credentials(req);
    // Read first: one 404 for what the caller may not see; then per entity.
    const entity = await access.readableProject(entityRef, credentials);
    await requireEntityPermission(
      permissions,
      innersourceProjectRefreshPermission,
      entityRef,
      credentials,
      'refresh the InnerSource data',
    );
    const answer = await options.requestRefresh(
      entity,
      principalRef(credentials),
    );
    if (typeof answer === 'object') {
      res
        .status(429)
        .set('Retry-After', String(answer.retryAfterSeconds))
        .json(tooManyRequests(req, answer.capped));
      return;
    }
    res.status(202).json({ status: answer });
  });

  return router;
}

/** Backstage's error body, for a status its error handler has no error class for. */
function tooManyRequests(req: express.Request, message: string) {
  return {
    error: { name: 'TooManyRequestsError', message },
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode: 429 },
  };
}
