/**
 * InnerSource help-wanted tasks and projects in Backstage search.
 *
 * @packageDocumentation
 */
export { searchModuleInnerSource as default } from './module';
export {
  InnerSourceProjectCollatorFactory,
  InnerSourceTaskCollatorFactory,
} from './InnerSourceCollatorFactory';
export type { InnerSourceCollatorOptions } from './InnerSourceCollatorFactory';
export { projectDocument, taskDocument } from './documents';
export type {
  InnerSourceProjectDocument,
  InnerSourceTaskDocument,
} from '@innersource-for-backstage/plugin-innersource-common';
