import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntitySelector,
  INNERSOURCE_ANNOTATIONS,
  isInnerSourceProject,
} from '@innersource-for-backstage/plugin-innersource-common';
import { OrgDirectory } from '../metrics/OrgDirectory';

const CATALOG_PAGE_SIZE = 500;
const ORG_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.profile',
  'spec.memberOf',
  'spec.parent',
  'spec.children',
  'relations',
];

/** Every user and group, with only the fields that map contributors to teams. */
export async function loadDirectory(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<OrgDirectory> {
  const entities: Entity[] = [];
  let cursor: string | undefined;
  do {
    const response = await catalog.queryEntities(
      cursor
        ? { cursor, limit: CATALOG_PAGE_SIZE, fields: ORG_FIELDS }
        : {
            filter: { kind: ['User', 'Group'] },
            limit: CATALOG_PAGE_SIZE,
            fields: ORG_FIELDS,
          },
      { credentials },
    );
    entities.push(...response.items);
    cursor = response.pageInfo.nextCursor;
  } while (cursor);
  return OrgDirectory.fromEntities(entities);
}

/** Entities matching the selector or opting in, a page at a time: never the whole catalog at once. */
export async function* projectPages(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  selector: EntitySelector,
): AsyncGenerator<Entity[]> {
  let cursor: string | undefined;
  do {
    const response = await catalog.queryEntities(
      cursor
        ? { cursor, limit: CATALOG_PAGE_SIZE }
        : {
            filter: [
              selector,
              {
                [`metadata.annotations.${INNERSOURCE_ANNOTATIONS.enabled}`]:
                  'true',
              },
            ],
            limit: CATALOG_PAGE_SIZE,
          },
      { credentials },
    );
    const projects = response.items.filter(e =>
      isInnerSourceProject(e, selector),
    );
    if (projects.length) yield projects;
    cursor = response.pageInfo.nextCursor;
  } while (cursor);
}
