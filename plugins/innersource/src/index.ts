/**
 * InnerSource for Backstage: entity cards, the InnerSource page and the
 * help-wanted marketplace.
 *
 * The default export is the plugin for the new frontend system; the named
 * exports serve apps on the legacy frontend system.
 *
 * @packageDocumentation
 */

export { innersourcePlugin as default } from './plugin';
export {
  innersourcePlugin,
  InnerSourcePage,
  EntityInnerSourceCard,
  EntityInnerSourceContent,
  EntityInnerSourceGroupCard,
  EntityInnerSourceBadgesDialog,
  InnerSourceLookingForHelpCard,
} from './legacy';
export type { EntityInnerSourceBadgesDialogProps } from './legacy';
export {
  InnerSourceProjectSearchResultListItem,
  InnerSourceTaskSearchResultListItem,
} from './components/SearchResultItems';
export type { InnerSourceSearchResultListItemProps } from './components/SearchResultItems';
export { innersourceApiRef } from './api/InnerSourceApi';
// Kept for apps that imported them from here; they live in common.
export type {
  InnerSourceApi,
  InnerSourceRequestOptions,
  ProjectListRequest,
} from '@innersource-for-backstage/plugin-innersource-common';
export { InnerSourceClient } from '@innersource-for-backstage/plugin-innersource-common';
