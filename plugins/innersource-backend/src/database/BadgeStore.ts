import { randomBytes } from 'node:crypto';
import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import { json, Row } from './rows';

/** What a badge needs of a stored project: its latest scores and the annotations it was stored with. */
export interface StoredBadgeProject {
  entityRef: string;
  displayName: string;
  score: number | null;
  tier: { name: string; color: string } | null;
  activityBand: string | null;
  helpWanted: number | null;
  insideContributors: number | null;
  outsideContributors: number | null;
  contributeUrl?: string;
  /** The catalog entity as of the last refresh: whether its badges are public. */
  entity: Pick<Entity, 'metadata'> & Partial<Entity>;
}

/** 32 random bytes: 43 characters of base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newBadgeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether the text could be a token this store made (a cheap refusal before any query). */
export function looksLikeBadgeToken(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}

const COLUMNS = [
  'p.entity_ref',
  'p.name',
  'p.title',
  'p.score',
  'p.tier_name',
  'p.tier_color',
  'p.activity_band',
  'p.help_wanted',
  'p.inside_contributors',
  'p.outside_contributors',
  'p.contribute_url',
  'p.entity',
];

function toProject(row: Row): StoredBadgeProject {
  const entity = json<Partial<Entity>>(row.entity, {});
  return {
    entityRef: row.entity_ref,
    displayName: row.title || row.name,
    score: row.score ?? null,
    tier: row.tier_name ? { name: row.tier_name, color: row.tier_color } : null,
    activityBand: row.activity_band ?? null,
    helpWanted: row.help_wanted ?? null,
    insideContributors: row.inside_contributors ?? null,
    outsideContributors: row.outside_contributors ?? null,
    ...(row.contribute_url ? { contributeUrl: row.contribute_url } : {}),
    entity: {
      ...entity,
      metadata: {
        name: row.name,
        ...entity.metadata,
        annotations: entity.metadata?.annotations ?? {},
      },
    },
  };
}

/**
 * The badge side of the InnerSource tables: what badges show of active
 * projects, and the tokens of their public URLs.
 */
export class BadgeStore {
  constructor(private readonly db: Knex) {}

  async getProject(entityRef: string): Promise<StoredBadgeProject | undefined> {
    const row = await this.db('innersource_projects as p')
      .select(COLUMNS)
      .where({ 'p.entity_ref': entityRef, 'p.active': true })
      .first();
    return row ? toProject(row) : undefined;
  }

  /** The active project whose public badge token this is. */
  async getProjectByToken(
    token: string,
  ): Promise<StoredBadgeProject | undefined> {
    if (!looksLikeBadgeToken(token)) return undefined;
    const row = await this.db('innersource_badge_tokens as t')
      .join('innersource_projects as p', 'p.entity_ref', 't.entity_ref')
      .select(COLUMNS)
      .where({ 't.token': token, 'p.active': true })
      .first();
    return row ? toProject(row) : undefined;
  }

  /** The project's token, made now if it has none; undefined for a project not stored yet. */
  async ensureToken(
    entityRef: string,
    createdBy: string,
  ): Promise<string | undefined> {
    const existing = await this.getToken(entityRef);
    if (existing) return existing;
    const stored = await this.db('innersource_projects')
      .where({ entity_ref: entityRef })
      .first('entity_ref');
    if (!stored) return undefined;
    await this.db('innersource_badge_tokens')
      .insert(this.tokenRow(entityRef, createdBy))
      .onConflict('entity_ref')
      .ignore();
    // Another replica may have made one first: theirs is the one that counts.
    return this.getToken(entityRef);
  }

  /** A new token for the project: its old public URLs stop working at once. */
  async rotateToken(
    entityRef: string,
    createdBy: string,
  ): Promise<string | undefined> {
    const stored = await this.db('innersource_projects')
      .where({ entity_ref: entityRef })
      .first('entity_ref');
    if (!stored) return undefined;
    const row = this.tokenRow(entityRef, createdBy);
    await this.db('innersource_badge_tokens')
      .insert(row)
      .onConflict('entity_ref')
      .merge(['token', 'created_at', 'created_by']);
    return row.token;
  }

  /** Removes the projects' tokens: their public URLs stop answering, and a later one is new. */
  async forgetTokens(entityRefs: string[]): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += 500) {
      await this.db('innersource_badge_tokens')
        .whereIn('entity_ref', entityRefs.slice(i, i + 500))
        .delete();
    }
  }

  /** Every project that has a token, a page at a time: for a sweep at startup. */
  async *projectsWithTokens(
    pageSize = 500,
  ): AsyncGenerator<StoredBadgeProject[]> {
    let after = '';
    for (;;) {
      const rows = await this.db('innersource_badge_tokens as t')
        .join('innersource_projects as p', 'p.entity_ref', 't.entity_ref')
        .select(COLUMNS)
        .where('t.entity_ref', '>', after)
        .orderBy('t.entity_ref')
        .limit(pageSize);
      if (rows.length === 0) return;
      yield rows.map(toProject);
      after = rows[rows.length - 1].entity_ref;
    }
  }

  async getToken(entityRef: string): Promise<string | undefined> {
    const row = await this.db('innersource_badge_tokens')
      .where({ entity_ref: entityRef })
      .first('token');
    return row?.token;
  }

  private tokenRow(entityRef: string, createdBy: string) {
    return {
      entity_ref: entityRef,
      token: newBadgeToken(),
      created_at: new Date().toISOString(),
      created_by: createdBy.slice(0, 255),
    };
  }
}
