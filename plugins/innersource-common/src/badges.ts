/**
 * The badges of a project: `GET /api/innersource/badges/:namespace/:kind/:name/:badge.svg`.
 *
 * @public
 */
export const BADGE_KINDS = [
  'score',
  'tier',
  'activity',
  'help-wanted',
  'contributors',
  'contribute',
] as const;
/** @public */
export type BadgeKind = (typeof BADGE_KINDS)[number];

/**
 * badge-maker's styles (those of shields.io).
 *
 * @public
 */
export const BADGE_STYLES = [
  'flat',
  'flat-square',
  'plastic',
  'for-the-badge',
  'social',
] as const;
/** @public */
export type BadgeStyle = (typeof BADGE_STYLES)[number];

/**
 * `?style=…&label=…` of a badge URL.
 *
 * @public
 */
export interface BadgeOptions {
  style?: BadgeStyle;
  /** Replaces the left-hand text. */
  label?: string;
}

/**
 * Whether the project's badges may be served at a public URL, and why.
 *
 * @public
 */
export type BadgePublicity =
  | { allowed: true; by: 'annotation' | 'config' }
  | { allowed: false };

/**
 * `GET /api/innersource/badges/:namespace/:kind/:name`: the badges of a project, for the badges dialog.
 *
 * @public
 */
export interface ProjectBadges {
  entityRef: string;
  badges: Array<{
    kind: BadgeKind;
    /** What the badge shows, in words (its alt text). */
    description: string;
    /** Needs Backstage credentials: for pages inside the portal. */
    url: string;
    /** Needs none: for READMEs outside Backstage; only when public badges are allowed. */
    publicUrl?: string;
  }>;
  /** Where a badge should link to: the contribute link, else the project's page. */
  link?: string;
  public: BadgePublicity;
  /** The caller may rotate the public token (the refresh permission). */
  canRotate: boolean;
}

/**
 * The annotation value that makes an entity's badges public.
 *
 * @public
 */
export const PUBLIC_BADGES_ANNOTATION_VALUE = 'public';
