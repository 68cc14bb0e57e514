import {
  parseProjectListRequest,
  parseTaskQuery as parseTaskQueryParameters,
  TaskQuery,
  withProjectListDefaults,
  withTaskQueryDefaults,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { Request } from 'express';
import type { ProjectListQuery } from '../database/ProjectReader';

const lower = (values: string[] | undefined) =>
  (values ?? []).map(v => v.toLocaleLowerCase('en-US'));

/** `GET /projects` query parameters, by the keys the client writes; a 400 naming the parameter when one is off. */
export function parseProjectListQuery(
  query: Request['query'],
): ProjectListQuery {
  const request = withProjectListDefaults(
    parseProjectListRequest(query, 'strict'),
  );
  return {
    ...request,
    tier: request.tier ?? [],
    owner: lower(request.owner),
    kind: lower(request.kind),
    tag: lower(request.tag),
    skill: lower(request.skill),
    language: lower(request.language),
  };
}

/** `GET /tasks` query parameters, with whether the caller asked for their own matches. */
export function parseTaskQuery(query: Request['query']): {
  query: TaskQuery;
  forMe: boolean;
} {
  const { forMe, ...parsed } = withTaskQueryDefaults(
    parseTaskQueryParameters(query, 'strict'),
  );
  return {
    query: {
      ...parsed,
      label: parsed.label ?? [],
      skill: parsed.skill ?? [],
      language: parsed.language ?? [],
      tier: parsed.tier ?? [],
      project: lower(parsed.project),
      owner: lower(parsed.owner),
      system: lower(parsed.system),
    },
    forMe: forMe ?? false,
  };
}
