import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import type {
  ProjectList,
  TaskList,
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

/** The message of a Backstage error body, else the body's text. */
async function errorMessage(response: Response): Promise<string> {
  const text = await response.text();
  try {
    return JSON.parse(text).error.message ?? text;
  } catch {
    return text || response.statusText;
  }
}

/** Reads one list of the InnerSource API page by page, as the search service itself. */
async function* pages<T>(
  options: InnerSourceCollatorOptions,
  path: string,
  query: Record<string, string>,
): AsyncGenerator<T[]> {
  const baseUrl = await options.discovery.getBaseUrl('innersource');
  let cursor: string | undefined;
  do {
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: await options.auth.getOwnServiceCredentials(),
      targetPluginId: 'innersource',
    });
    const params = new URLSearchParams({
      ...query,
      limit: String(PAGE_SIZE),
      ...(cursor ? { cursor } : {}),
    });
    const url = `${baseUrl}${path}?${params}`;
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      throw new Error(
        `InnerSource search collator: GET ${path} answered ${
          response.status
        }: ${await errorMessage(response)}`,
      );
    }
    const page = (await response.json()) as {
      items: T[];
      nextCursor?: string;
    };
    yield page.items;
    if (page.nextCursor && page.nextCursor === cursor) {
      throw new Error(
        `InnerSource search collator: GET ${path} gave the same cursor twice; stopping rather than reading it forever`,
      );
    }
    cursor = page.nextCursor;
  } while (cursor);
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
    return Readable.from(
      (async function* tasks() {
        for await (const items of pages<TaskList['items'][number]>(
          options,
          '/tasks',
          { facets: 'false' },
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
    return Readable.from(
      (async function* projects() {
        for await (const items of pages<ProjectList['items'][number]>(
          options,
          '/projects',
          {},
        )) {
          for (const project of items) yield projectDocument(project);
        }
      })(),
    );
  }
}
