import type {
  BackstageCredentials,
  DiscoveryService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  BADGE_KINDS,
  BADGE_STYLES,
  BadgeKind,
  BadgeStyle,
  innersourceBadgeRotatePermission,
  INNERSOURCE_PLUGIN_ID,
  ProjectBadges,
} from '@innersource-for-backstage/plugin-innersource-common';
import express from 'express';
import Router from 'express-promise-router';
import type { BadgeStore, StoredBadgeProject } from '../database/BadgeStore';
import type { RefreshStore } from '../database/RefreshStore';
import { badgePublicity } from './badgePublicity';
import type { BadgeSettings } from './badgeSettings';
import {
  BadgeCache,
  badgeContent,
  BadgeData,
  badgeEtag,
  BadgeFace,
  badgeFace,
  matchesEtag,
} from './badgeSvg';
import type { CatalogAccess } from './CatalogAccess';
import { entityRefFromPath, QueryParameters } from './parameters';
import { principalRef } from './principal';
import { mayOnEntity, requireEntityPermission } from './requirePermission';

export interface BadgeRouterOptions {
  /** How long a public token's project is remembered; default 10 s. */
  publicCacheMs?: number;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  discovery: DiscoveryService;
  store: BadgeStore;
  /** The plugin's one CatalogAccess, shared with the routes. */
  access: CatalogAccess;
  settings: BadgeSettings;
}

/** The public token path, the only one open to callers without credentials. */
export const PUBLIC_BADGE_PATH = '/badges/t';

/** Badges inside the portal: the browser checks again with the ETag each time, so lost access shows at once. */
const PRIVATE_CACHE_CONTROL = 'private, no-cache';

const DESCRIPTIONS: Record<BadgeKind, string> = {
  score: 'InnerSource score',
  tier: 'InnerSource tier',
  activity: 'Repository activity',
  'help-wanted': 'Open help-wanted issues',
  contributors: 'Contributors from inside and outside the owning team',
  contribute: 'Contribute to this project',
};

const badgeKind = (name: string): BadgeKind | undefined =>
  (BADGE_KINDS as readonly string[]).includes(name)
    ? (name as BadgeKind)
    : undefined;

function badgeOptions(query: express.Request['query']) {
  const params = new QueryParameters(query);
  return {
    style: params.oneOf('style', BADGE_STYLES, 'flat'),
    label: params.optionalString('label') || undefined,
  };
}

function badgeData(project: StoredBadgeProject): BadgeData {
  return {
    entityRef: project.entityRef,
    displayName: project.displayName,
    score: project.score,
    tier: project.tier,
    activityBand: project.activityBand,
    helpWanted: project.helpWanted,
    insideContributors: project.insideContributors,
    outsideContributors: project.outsideContributors,
  };
}

/** A readable project the refresh job has not stored yet: its badges say it is not measured. */
function pendingData(entityRef: string, entity: Entity): BadgeData {
  return {
    entityRef,
    displayName: entity.metadata.title ?? entity.metadata.name,
    score: null,
    tier: null,
    activityBand: null,
    helpWanted: null,
    insideContributors: null,
    outsideContributors: null,
  };
}

const DEFAULT_PUBLIC_CACHE_MS = 10_000;
const MAX_REMEMBERED_TOKENS = 20_000;

/** Projects by public token, each remembered for a while (unknown tokens are not). */
class RememberedProjects {
  private readonly entries = new Map<
    string,
    { at: number; project: Promise<StoredBadgeProject | undefined> }
  >();

  constructor(
    private readonly load: (
      token: string,
    ) => Promise<StoredBadgeProject | undefined>,
    private readonly ttlMs: number,
  ) {}

  async get(token: string): Promise<StoredBadgeProject | undefined> {
    const now = Date.now();
    const entry = this.entries.get(token);
    if (entry && now - entry.at < this.ttlMs) return entry.project;
    const project = this.load(token);
    this.entries.delete(token);
    this.entries.set(token, { at: now, project });
    const found = await project.catch(error => {
      this.entries.delete(token);
      throw error;
    });
    if (!found) this.entries.delete(token);
    else if (this.entries.size > MAX_REMEMBERED_TOKENS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return found;
  }

  forget(token: string) {
    this.entries.delete(token);
  }
}

/**
 * The badge routes: `/badges/:namespace/:kind/:name/:badge.svg` for callers
 * who may read the entity, `/badges/t/:token/:badge.svg` for anyone where the
 * project's badges are public, and the badges dialog's answer. Badges come
 * from stored rows; the catalog's answer is remembered briefly per caller.
 */
export async function createBadgeRouter(
  options: BadgeRouterOptions,
): Promise<express.Router> {
  const { httpAuth, store, settings } = options;
  const { access } = options;
  const cache = new BadgeCache();
  // Public badges are fetched from READMEs all day: their rows are remembered
  // briefly. A rotation here forgets the old token at once; other replicas
  // (and a project made private) catch up within the cache time.
  const publicProjects = new RememberedProjects(
    token => store.getProjectByToken(token),
    options.publicCacheMs ?? DEFAULT_PUBLIC_CACHE_MS,
  );
  const forget = async (entityRefs: string[]) => {
    for (const entityRef of entityRefs) {
      const token = await store.getToken(entityRef);
      if (token) publicProjects.forget(token);
    }
    await store.forgetTokens(entityRefs);
  };
  // Config may have changed since the last start (public switched off, a
  // selector in neverPublic): tokens of projects not public now go.
  await forgetPrivateBadgeTokens(store, settings);
  const router = Router();

  const headersFor = (cacheControl: string) => ({
    'Cache-Control': cacheControl,
    'Content-Type': 'image/svg+xml; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    // Opened on its own, the picture may style itself and nothing else.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  const publicHeaders = headersFor(settings.cacheControl);
  const privateHeaders = headersFor(PRIVATE_CACHE_CONTROL);

  const send = (
    req: express.Request,
    res: express.Response,
    drawn: { face: BadgeFace; etag: string },
    headers: Record<string, string>,
  ) => {
    res.set(headers).set('ETag', drawn.etag);
    if (matchesEtag(req.get('If-None-Match'), drawn.etag)) {
      res.status(304).end();
      return;
    }
    const svg = cache.svgFor(drawn.etag, drawn.face);
    res.set('Content-Length', String(svg.length)).end(svg);
  };

  // What each remembered public project's badges look like, worked out once
  // per project row read (a new row, a new picture).
  const publicFaces = new WeakMap<
    StoredBadgeProject,
    Map<string, { face: BadgeFace; etag: string }>
  >();
  const publicFace = (
    project: StoredBadgeProject,
    kind: BadgeKind,
    style: { style: BadgeStyle; label?: string },
  ) => {
    let faces = publicFaces.get(project);
    if (!faces) {
      faces = new Map();
      publicFaces.set(project, faces);
    }
    const key = `${kind}\u0000${style.style}\u0000${style.label ?? ''}`;
    let drawn = faces.get(key);
    if (!drawn) {
      const face = badgeFace(badgeContent(kind, badgeData(project)), style);
      drawn = { face, etag: badgeEtag(face) };
      // a label is free text: keep a bounded number of them per project
      if (faces.size < 64) faces.set(key, drawn);
    }
    return drawn;
  };

  const signedIn = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get(`${PUBLIC_BADGE_PATH}/:token/:badge.svg`, async (req, res) => {
    // Parameters first: a bad one answers the same whatever the token.
    const style = badgeOptions(req.query);
    const kind = badgeKind(req.params.badge);
    const project = kind
      ? await publicProjects.get(req.params.token)
      : undefined;
    // One answer for a wrong token, a missing project and a private one.
    if (
      !kind ||
      !project ||
      !badgePublicity(project.entity, settings).allowed
    ) {
      throw new NotFoundError('No such badge');
    }
    send(req, res, publicFace(project, kind, style), publicHeaders);
  });

  router.get('/badges/:namespace/:kind/:name/:badge.svg', async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const style = badgeOptions(req.query);
    const kind = badgeKind(req.params.badge);
    if (!kind) {
      throw new NotFoundError(
        `No badge ${req.params.badge}; badges are ${BADGE_KINDS.join(', ')}`,
      );
    }
    const entity = await access.readableProjectRemembered(
      entityRef,
      await signedIn(req),
    );
    const project = await store.getProject(entityRef);
    const data = project ? badgeData(project) : pendingData(entityRef, entity);
    const face = badgeFace(badgeContent(kind, data), style);
    send(req, res, { face, etag: badgeEtag(face) }, privateHeaders);
  });

  const describe = async (
    entityRef: string,
    entity: Entity,
    credentials: BackstageCredentials,
    token: string | undefined,
  ): Promise<ProjectBadges> => {
    const base = await options.discovery.getExternalBaseUrl(
      INNERSOURCE_PLUGIN_ID,
    );
    const publicity = badgePublicity(entity, settings);
    const path = entityPathOf(entityRef);
    const canRotate = await mayOnEntity(
      options.permissions,
      innersourceBadgeRotatePermission,
      entityRef,
      credentials,
    );
    const project = await store.getProject(entityRef);
    return {
      entityRef,
      badges: BADGE_KINDS.map(kind => ({
        kind,
        description: DESCRIPTIONS[kind],
        url: `${base}/badges/${path}/${kind}.svg`,
        ...(publicity.allowed && token
          ? { publicUrl: `${base}${PUBLIC_BADGE_PATH}/${token}/${kind}.svg` }
          : {}),
      })),
      ...(project?.contributeUrl ? { link: project.contributeUrl } : {}),
      public: publicity,
      canRotate,
    };
  };

  router.get('/badges/:namespace/:kind/:name', async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const credentials = await signedIn(req);
    const entity = await access.readableProject(entityRef, credentials);
    let token: string | undefined;
    if (badgePublicity(entity, settings).allowed) {
      token = await store.ensureToken(entityRef, principalRef(credentials));
    } else {
      // Private now: a switch back to public gets a new URL, never this one.
      await forget([entityRef]);
    }
    res.json(await describe(entityRef, entity, credentials, token));
  });

  router.post('/badges/:namespace/:kind/:name/token', async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const credentials = await signedIn(req);
    const entity = await access.readableProject(entityRef, credentials);
    await requireEntityPermission(
      options.permissions,
      innersourceBadgeRotatePermission,
      entityRef,
      credentials,
      'rotate the public badge URL',
    );
    if (!badgePublicity(entity, settings).allowed) {
      throw new ConflictError(
        `The badges of ${entityRef} are not public: annotate the entity with innersource/badges: public, or set innersource.badges.public`,
      );
    }
    const old = await store.getToken(entityRef);
    const token = await store.rotateToken(entityRef, principalRef(credentials));
    if (old) publicProjects.forget(old);
    if (!token) {
      throw new ConflictError(
        `${entityRef} has not been collected yet; its badges get a public URL after the next refresh`,
      );
    }
    res.json(await describe(entityRef, entity, credentials, token));
  });

  return router;
}

/**
 * Removes the public badge tokens of projects whose badges are not public
 * (the given stored entities, or every project with a token), so that a
 * project made public again gets a new URL and never revives an old one.
 * The refresh job calls it with every entity it stores from the catalog.
 */
export async function forgetPrivateBadgeTokens(
  store: BadgeStore,
  settings: Pick<BadgeSettings, 'public' | 'neverPublic'>,
  entities?: Array<{ entityRef: string; entity: Entity }>,
): Promise<void> {
  const privateRefs = (
    list: Array<{
      entityRef: string;
      entity: Pick<Entity, 'metadata'> & Partial<Entity>;
    }>,
  ) =>
    list
      .filter(p => !badgePublicity(p.entity, settings).allowed)
      .map(p => p.entityRef);
  if (entities) {
    await store.forgetTokens(privateRefs(entities));
    return;
  }
  for await (const page of store.projectsWithTokens()) {
    await store.forgetTokens(privateRefs(page));
  }
}

/**
 * The refresh store, with every catalog write followed by
 * `forgetPrivateBadgeTokens` for the entities written: a project whose
 * stored entity is no longer public loses its token at that refresh, even if
 * nobody asks for its badges in between.
 */
export function keepingBadgeTokensPublicOnly(
  writer: RefreshStore,
  store: BadgeStore,
  settings: Pick<BadgeSettings, 'public' | 'neverPublic'>,
): RefreshStore {
  return new Proxy(writer, {
    get(target, property, receiver) {
      if (property === 'upsertProjects') {
        const upsert: RefreshStore['upsertProjects'] = async (
          projects,
          seenAt,
        ) => {
          const failures = await target.upsertProjects(projects, seenAt);
          await forgetPrivateBadgeTokens(store, settings, projects);
          return failures;
        };
        return upsert;
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** namespace/kind/name of a lower-case entity ref, for URLs. */
function entityPathOf(entityRef: string): string {
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.split('/');
  return [namespace, kind, name].map(encodeURIComponent).join('/');
}
