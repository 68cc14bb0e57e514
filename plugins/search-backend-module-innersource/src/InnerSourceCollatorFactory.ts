import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  INNERSOURCE_PLUGIN_ID,
  InnerSourceClient,
  InnerSourceRequestOptions,
} from '@internal/plugin-innersource-common';
import { Readable } from 'node:stream';
import {
  INNERSOURCE_PROJECT_DOCUMENT_TYPE,
  INNERSOURCE_TASK_DOCUMENT_TYPE,
  projectDocument,
  taskDocument,
} from './documents';

const PAGE_SIZE = 100;

export interface InnerSourceCollatorOptions {
  discovery: DiscoveryService;
  auth: AuthService;
}

type Page<T> = { items: T[]; nextCursor?: string };

/**
 * Reads one list of the InnerSource API page by page, as the search service
 * itself: a fresh service token for each page, as a run may outlast one.
 */
async function* pages<T>(
  options: InnerSourceCollatorOptions,
  what: string,
  fetchPage: (
    cursor: string | undefined,
    requestOptions: InnerSourceRequestOptions,
  ) => Promise<Page<T>>,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: await options.auth.getOwnServiceCredentials(),
      targetPluginId: INNERSOURCE_PLUGIN_ID,
    });
    let page: Page<T>;
    try {
      page = await fetchPage(cursor, { token });
    } catch (error) {
      if (!ResponseError.is(error)) throw error;
      // The backend's own message, so the indexer's log says why.
      throw new Error(
        `InnerSource search collator: ${what} answered ${error.statusCode}: ${error.cause.message}`,
        { cause: error },
      );
    }
    yield page.items;
    if (page.nextCursor && page.nextCursor === cursor) {
      throw new Error(
        `InnerSource search collator: ${what} gave the same cursor twice; stopping rather than reading it forever`,
      );
    }
    cursor = page.nextCursor;
  } while (cursor);
}

function clientOf(options: InnerSourceCollatorOptions) {
  return new InnerSourceClient({ discoveryApi: options.discovery });
}

/**
 * Help-wanted tasks in Backstage search: one document per open labelled
 * issue, streamed a page at a time; the catalog decides who sees each.
 */
export class InnerSourceTaskCollatorFactory implements DocumentCollatorFactory {
  readonly type = INNERSOURCE_TASK_DOCUMENT_TYPE;
  readonly visibilityPermission = catalogEntityReadPermission;

  constructor(private readonly options: InnerSourceCollatorOptions) {}

  async getCollator(): Promise<Readable> {
    const options = this.options;
    const client = clientOf(options);
    return Readable.from(
      (async function* tasks() {
        for await (const items of pages(
          options,
          'GET /tasks',
          (cursor, requestOptions) =>
            client.searchTasks(
              { facets: false, limit: PAGE_SIZE, cursor },
              requestOptions,
            ),
        )) {
          for (const task of items) yield taskDocument(task);
        }
      })(),
    );
  }
}

/** InnerSource projects in Backstage search, with what they ask help for. */
export class InnerSourceProjectCollatorFactory
  implements DocumentCollatorFactory
{
  readonly type = INNERSOURCE_PROJECT_DOCUMENT_TYPE;
  readonly visibilityPermission = catalogEntityReadPermission;

  constructor(private readonly options: InnerSourceCollatorOptions) {}

  async getCollator(): Promise<Readable> {
    const options = this.options;
    const client = clientOf(options);
    return Readable.from(
      (async function* projects() {
        for await (const items of pages(
          options,
          'GET /projects',
          (cursor, requestOptions) =>
            client.listProjects({ limit: PAGE_SIZE, cursor }, requestOptions),
        )) {
          for (const project of items) yield projectDocument(project);
        }
      })(),
    );
  }
}
