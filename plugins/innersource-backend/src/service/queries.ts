import { InputError } from '@backstage/errors';
import { TASK_SORTS, TaskQuery } from '@internal/plugin-innersource-common';
import type { Request } from 'express';
import type { ProjectListQuery } from '../database/ProjectReader';
import { QueryParameters } from './parameters';

const MAX_Q = 200;
const lower = (text: string) => text.toLocaleLowerCase('en-US');

function words(params: QueryParameters): string | undefined {
  const q = params.optionalString('q')?.trim();
  if (q && q.length > MAX_Q) {
    throw new InputError(
      `q must be at most ${MAX_Q} characters, got ${q.length}`,
    );
  }
  return q || undefined;
}

/** `GET /projects` query parameters; a 400 naming the parameter when one is off. */
export function parseProjectListQuery(
  query: Request['query'],
): ProjectListQuery {
  const params = new QueryParameters(query);
  const q = words(params);
  return {
    owner: params.list('owner').map(lower),
    tier: params.list('tier'),
    kind: params.list('kind').map(lower),
    tag: params.list('tag').map(lower),
    skill: params.list('skill').map(lower),
    asking: params.boolean('asking'),
    ...(q ? { q } : {}),
    limit: params.integer('limit', { min: 1, max: 100, fallback: 20 }),
    cursor: params.optionalString('cursor') || undefined,
  };
}

/** `GET /tasks` query parameters, with whether the caller asked for their own matches. */
export function parseTaskQuery(query: Request['query']): {
  query: TaskQuery;
  forMe: boolean;
} {
  const params = new QueryParameters(query);
  const q = words(params);
  const forMe = params.boolean('forMe') ?? false;
  const updatedWithinDays = params.optionalString('updatedWithinDays')
    ? params.integer('updatedWithinDays', { min: 1, max: 3650, fallback: 0 })
    : undefined;
  const taskQuery: TaskQuery = {
    ...(q ? { q } : {}),
    label: params.list('label'),
    goodFirst: params.boolean('goodFirst'),
    project: params.list('project').map(lower),
    owner: params.list('owner').map(lower),
    system: params.list('system').map(lower),
    skill: params.list('skill'),
    language: params.list('language'),
    tier: params.list('tier'),
    ...(updatedWithinDays ? { updatedWithinDays } : {}),
    sort: params.oneOf('sort', TASK_SORTS, forMe ? 'match' : 'updated'),
    limit: params.integer('limit', { min: 1, max: 100, fallback: 20 }),
    cursor: params.optionalString('cursor') || undefined,
    facets: params.boolean('facets') ?? true,
  };
  if (taskQuery.sort === 'match' && !forMe) {
    throw new InputError(
      'sort=match ranks by your skills and needs forMe=true',
    );
  }
  return { query: taskQuery, forMe };
}
