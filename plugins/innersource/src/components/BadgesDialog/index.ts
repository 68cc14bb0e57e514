export { BadgesDialog } from './BadgesDialog';
