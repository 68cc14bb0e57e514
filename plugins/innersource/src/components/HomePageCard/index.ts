export {
  LookingForHelpContent,
  LOOKING_FOR_HELP_TITLE,
} from './LookingForHelpCard';
