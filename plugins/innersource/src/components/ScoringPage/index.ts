export { ScoringPage } from './ScoringPage';
