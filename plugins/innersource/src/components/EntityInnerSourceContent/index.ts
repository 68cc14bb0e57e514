export { EntityInnerSourceContent } from './EntityInnerSourceContent';
