export { EntityInnerSourceGroupCard } from './EntityInnerSourceGroupCard';
