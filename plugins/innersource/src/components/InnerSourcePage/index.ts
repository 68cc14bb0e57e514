export { InnerSourcePage } from './InnerSourcePage';
