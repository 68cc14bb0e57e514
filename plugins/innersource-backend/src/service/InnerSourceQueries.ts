import type {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  ProjectList,
  ProjectSummary,
  TaskList,
  TaskQuery,
} from '@innersource-for-backstage/plugin-innersource-common';
import type {
  ProjectListQuery,
  ProjectReader,
} from '../database/ProjectReader';
import type { CatalogAccess } from './CatalogAccess';
import { loadMatchProfile } from './matchProfile';
import { pendingSummary } from './pendingSummary';
import { isUserCaller } from './principal';

export interface InnerSourceQueriesOptions {
  catalog: CatalogService;
  userInfo: UserInfoService;
  reader: ProjectReader;
  /** The plugin's one CatalogAccess, shared with the badge router and its caches. */
  access: CatalogAccess;
}

/**
 * The answers the REST routes and the assistant actions share: the project
 * directory, the help-wanted search and one project's summary, each computed
 * over what the caller may read in the catalog.
 */
export class InnerSourceQueries {
  readonly access: CatalogAccess;

  constructor(private readonly options: InnerSourceQueriesOptions) {
    this.access = options.access;
  }

  /** A page of the directory (`GET /projects`): only projects the caller may read, in counts and facets too. */
  async listProjects(
    query: ProjectListQuery,
    credentials: BackstageCredentials,
  ): Promise<ProjectList> {
    const readable = await this.access.readableProjects(credentials);
    return this.options.reader.listProjects(query, readable);
  }

  /**
   * Help-wanted tasks (`GET /tasks`) of the projects the caller may read;
   * `forMe` ranks them by the calling user's skills, so only a user may ask.
   */
  async searchTasks(
    query: TaskQuery,
    forMe: boolean,
    credentials: BackstageCredentials,
  ): Promise<TaskList> {
    if (forMe && !isUserCaller(credentials)) {
      throw new NotAllowedError(
        "forMe ranks tasks by the signed-in user's skills, so only a user may ask for it; search by skills instead",
      );
    }
    const readable = await this.access.readableProjects(credentials);
    const profile = forMe
      ? await loadMatchProfile(this.options, credentials)
      : undefined;
    return this.options.reader.searchTasks(query, readable, profile);
  }

  /**
   * One project's stored summary, or its pending one before the first
   * collection. An entity the caller may not read answers the same 404 as
   * one that does not exist.
   */
  async projectSummary(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ProjectSummary> {
    const entity = await this.access.readableProject(entityRef, credentials);
    const summary = await this.options.reader.getProjectSummary(entityRef);
    return summary ?? pendingSummary(entityRef, entity);
  }
}
