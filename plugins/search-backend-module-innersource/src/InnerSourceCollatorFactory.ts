import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  INNERSOURCE_PLUGIN_ID,
  InnerSourceClient,
  InnerSourceRequestOptions,
} from '@innersource-for-backstage/plugin-innersource-common';
import { Readable } from 'node:stream';
import {
  INNERSOURCE_PROJECT_DOCUMENT_TYPE,
  INNERSOURCE_TASK_DOCUMENT_TYPE,
  projectDocument,
  taskDocument,
} from './documents';

const PAGE_SIZE = 100;

/** @public */
export interface InnerSourceCollatorOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger?: LoggerService;
  /**
   * At most this many documents per run (undefined: all). An in-memory engine
   * such as Lunr holds every document in the backend's heap.
   */
  maxDocuments?: number;
}

/** Says what a bounded run left out, and why, naming the setting. */
function reportLeftOut(
  options: InnerSourceCollatorOptions,
  setting: 'maxTaskDocuments' | 'maxProjectDocuments',
  what: string,
) {
  options.logger?.info(
    `InnerSource search collator ${what}: search.collators.innersource.${setting} is ${options.maxDocuments}, ` +
      'which keeps an in-memory search engine such as Lunr within the backend’s memory. ' +
      'With the PostgreSQL or OpenSearch engine, raise it, or set it to 0 for no limit.',
  );
}

type Page<T> = { items: T[]; nextCursor?: string; total?: number };

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
): AsyncGenerator<Page<T>> {
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
    yield page;
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
 *
 * @public
 */
export class InnerSourceTaskCollatorFactory implements DocumentCollatorFactory {
  readonly type = INNERSOURCE_TASK_DOCUMENT_TYPE;
  readonly visibilityPermission = catalogEntityReadPermission;

  constructor(private readonly options: InnerSourceCollatorOptions) {}

  async getCollator(): Promise<Readable> {
    const options = this.options;
    const client = clientOf(options);
    const max = options.maxDocuments || Infinity;
    const taskPages = (goodFirst: boolean) =>
      pages(options, 'GET /tasks', (cursor, requestOptions) =>
        client.searchTasks(
          {
            facets: false,
            sort: 'updated',
            goodFirst,
            limit: PAGE_SIZE,
            cursor,
          },
          requestOptions,
        ),
      );
    return Readable.from(
      (async function* tasks() {
        if (max === Infinity) {
          for await (const { items } of taskPages(false))
            for (const task of items) yield taskDocument(task);
          return;
        }
        // Bounded: good first issues first, then the newest of the rest.
        const seen = new Set<string>();
        let total: number | undefined;
        for (const goodFirst of [true, false]) {
          for await (const page of taskPages(goodFirst)) {
            if (!goodFirst) total ??= page.total;
            for (const task of page.items) {
              if (seen.size >= max) break;
              if (seen.has(task.id)) continue;
              seen.add(task.id);
              yield taskDocument(task);
            }
            if (seen.size >= max) break;
          }
          if (seen.size >= max) break;
        }
        if (total !== undefined && total > seen.size) {
          reportLeftOut(
            options,
            'maxTaskDocuments',
            `indexed ${seen.size} of ${total} help-wanted tasks, good first issues first, then the most recently updated`,
          );
        }
      })(),
    );
  }
}

/**
 * InnerSource projects in Backstage search, with what they ask help for.
 *
 * @public
 */
export class InnerSourceProjectCollatorFactory
  implements DocumentCollatorFactory
{
  readonly type = INNERSOURCE_PROJECT_DOCUMENT_TYPE;
  readonly visibilityPermission = catalogEntityReadPermission;

  constructor(private readonly options: InnerSourceCollatorOptions) {}

  async getCollator(): Promise<Readable> {
    const options = this.options;
    const client = clientOf(options);
    const max = options.maxDocuments || Infinity;
    return Readable.from(
      (async function* projects() {
        let indexed = 0;
        let more = false;
        for await (const page of pages(
          options,
          'GET /projects',
          (cursor, requestOptions) =>
            client.listProjects({ limit: PAGE_SIZE, cursor }, requestOptions),
        )) {
          for (const project of page.items) {
            if (indexed >= max) {
              more = true;
              break;
            }
            indexed++;
            yield projectDocument(project);
          }
          if (!more && indexed >= max && page.nextCursor) more = true;
          if (more) break;
        }
        if (more) {
          reportLeftOut(
            options,
            'maxProjectDocuments',
            `indexed the ${indexed} highest-scored projects and left the others out`,
          );
        }
      })(),
    );
  }
}
