import type { IndexableDocument } from '@backstage/plugin-search-common';

/**
 * The Backstage search document type of help-wanted tasks.
 *
 * @public
 */
export const INNERSOURCE_TASK_DOCUMENT_TYPE = 'innersource-task';
/**
 * The Backstage search document type of InnerSource projects.
 *
 * @public
 */
export const INNERSOURCE_PROJECT_DOCUMENT_TYPE = 'innersource-project';

/**
 * An open help-wanted or good-first issue in Backstage search; `location` is the issue.
 *
 * @public
 */
export interface InnerSourceTaskDocument extends IndexableDocument {
  entityRef: string;
  projectTitle: string;
  owner?: string;
  labels: string[];
  goodFirst: boolean;
  tier?: string;
  updatedAt: string;
}

/**
 * An InnerSource project in Backstage search; `location` is its entity page.
 *
 * @public
 */
export interface InnerSourceProjectDocument extends IndexableDocument {
  entityRef: string;
  owner?: string;
  tier?: string;
  score: number | null;
  skills: string[];
  contributions: string[];
}
