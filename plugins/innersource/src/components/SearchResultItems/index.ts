export {
  InnerSourceProjectSearchResultListItem,
  InnerSourceTaskSearchResultListItem,
} from './InnerSourceSearchResultListItems';
export type { InnerSourceSearchResultListItemProps } from './InnerSourceSearchResultListItems';
