import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  entityRefOf,
  EntitySelector,
  isInnerSourceProject,
} from '@innersource-for-backstage/plugin-innersource-common';
import { principalRef } from './principal';

const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];
const READABLE_CHUNK = 500;
const DEFAULT_CACHE_MS = 30_000;
const DEFAULT_LIST_CACHE_MS = 5_000;
const MAX_CACHED_CALLERS = 1000;
const MAX_CACHED_PROJECT_ANSWERS = 10_000;

export interface CatalogAccessOptions {
  catalog: CatalogService;
  selector: EntitySelector;
  /** Entity refs of every listed project. */
  listProjectRefs(): Promise<string[]>;
  /** How long a caller's readable projects are remembered. */
  cacheMs?: number;
  /**
   * How long the list of listed projects is reused, for every caller: under
   * load each list request would otherwise read every project's ref. A
   * project listed since shows up at most this much later.
   */
  listCacheMs?: number;
  now?: () => number;
}

/** Which projects the catalog was asked about for one caller, and which it let them read. */
interface KnownAccess {
  checked: Set<string>;
  readable: Set<string>;
  /** The answer for the last list this caller was answered for. */
  answered?: { listed: string[]; answer: string[] };
}

/**
 * What a caller may read, asked of the catalog with the caller's own
 * credentials: one project, a set of refs, or every listed project.
 */
export class CatalogAccess {
  private readonly cache = new Map<
    string,
    { at: number; known: Promise<KnownAccess> }
  >();
  private listed?: { at: number; refs: Promise<string[]> };

  private readonly projectAnswers = new Map<
    string,
    { at: number; entity: Promise<Entity> }
  >();

  constructor(private readonly options: CatalogAccessOptions) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** The project entity if the caller may read it in the catalog; 404 otherwise. */
  async readableProject(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} that you may read`);
    if (!isInnerSourceProject(entity, this.options.selector)) {
      throw new NotFoundError(`${entityRef} is not an InnerSource project`);
    }
    return entity;
  }

  /**
   * As readableProject, with the catalog's answer (the entity, or its 404)
   * remembered briefly per caller: for routes a page calls again and again,
   * such as badges. Other failures are not remembered.
   */
  async readableProjectRemembered(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const key = `${principalRef(credentials)}\u0000${entityRef}`;
    const cached = this.projectAnswers.get(key);
    const cacheMs = this.options.cacheMs ?? DEFAULT_CACHE_MS;
    if (cached && this.now() - cached.at < cacheMs) return cached.entity;
    const entity = this.readableProject(entityRef, credentials);
    this.projectAnswers.delete(key);
    this.projectAnswers.set(key, { at: this.now(), entity });
    entity.catch(error => {
      if (!(error instanceof NotFoundError)) this.projectAnswers.delete(key);
    });
    if (this.projectAnswers.size > MAX_CACHED_PROJECT_ANSWERS) {
      const oldest = this.projectAnswers.keys().next().value;
      if (oldest !== undefined) this.projectAnswers.delete(oldest);
    }
    return entity;
  }

  /** The refs among those given that the caller may read, lower-case. */
  async readableRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const readable = new Set<string>();
    for (let i = 0; i < refs.length; i += READABLE_CHUNK) {
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs: refs.slice(i, i + READABLE_CHUNK), fields: REF_FIELDS },
        { credentials },
      );
      for (const entity of items) {
        if (entity) readable.add(entityRefOf(entity));
      }
    }
    return readable;
  }

  /**
   * The listed projects the caller may read, by ref: never "every project",
   * so a project the store holds but this list does not (stored since it was
   * read) counts only once the catalog was asked about it.
   * What the catalog answered is remembered briefly per caller, but the list
   * is read each time: a project listed since is checked before it counts,
   * never assumed readable.
   */
  async readableProjects(credentials: BackstageCredentials): Promise<string[]> {
    const listed = await this.listedProjects();
    const known = await this.knownAccess(credentials, listed);
    if (known.answered?.listed === listed) return known.answered.answer;
    const unchecked = listed.filter(ref => !known.checked.has(ref));
    if (unchecked.length > 0) {
      const readable = await this.readableRefs(unchecked, credentials);
      for (const ref of unchecked) {
        known.checked.add(ref);
        if (readable.has(ref)) known.readable.add(ref);
      }
    }
    const answer = listed.filter(ref => known.readable.has(ref));
    known.answered = { listed, answer };
    return answer;
  }

  /** Every listed project's ref, read at most once per `listCacheMs` for all callers. */
  private listedProjects(): Promise<string[]> {
    const ttl = this.options.listCacheMs ?? DEFAULT_LIST_CACHE_MS;
    if (this.listed && this.now() - this.listed.at < ttl)
      return this.listed.refs;
    const refs = this.options.listProjectRefs();
    const entry = { at: this.now(), refs };
    this.listed = entry;
    refs.catch(() => {
      if (this.listed === entry) this.listed = undefined;
    });
    return refs;
  }

  /** The caller's remembered answers, starting with the listed projects when there are none. */
  private knownAccess(
    credentials: BackstageCredentials,
    listed: string[],
  ): Promise<KnownAccess> {
    const key = principalRef(credentials);
    const cached = this.cache.get(key);
    const cacheMs = this.options.cacheMs ?? DEFAULT_CACHE_MS;
    if (cached && this.now() - cached.at < cacheMs) return cached.known;
    const known = this.readableRefs(listed, credentials).then(readable => ({
      checked: new Set(listed),
      readable,
    }));
    this.cache.delete(key);
    this.cache.set(key, { at: this.now(), known });
    known.catch(() => this.cache.delete(key));
    if (this.cache.size > MAX_CACHED_CALLERS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return known;
  }
}
