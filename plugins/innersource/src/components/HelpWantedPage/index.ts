export { HelpWantedPage } from './HelpWantedPage';
