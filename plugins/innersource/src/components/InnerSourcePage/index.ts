export { LegacyInnerSourcePage } from './LegacyInnerSourcePage';
