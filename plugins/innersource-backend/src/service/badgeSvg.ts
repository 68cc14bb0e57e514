import { createHash } from 'node:crypto';
import type {
  BadgeKind,
  BadgeStyle,
} from '@innersource-for-backstage/plugin-innersource-common';
import { makeBadge } from 'badge-maker';
import type { StoredBadgeProject } from '../database/BadgeStore';

/** What a badge shows of a project: its stored row, never a forge's answer. */
export type BadgeData = Omit<StoredBadgeProject, 'contributeUrl' | 'entity'>;

/** The text and colours of one badge, before badge-maker draws it. */
export interface BadgeContent {
  label: string;
  message: string;
  color: string;
}

/** Longest text on either side of a badge: a badge stays a badge, not a banner. */
export const BADGE_TEXT_MAX = 32;

const GREY = '#9e9e9e';
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

const ACTIVITY_COLORS: Record<string, string> = {
  'extremely high': '#1b5e20',
  'very high': '#2e7d32',
  high: '#558b2f',
  moderate: '#9e9d24',
  low: '#f9a825',
  'very low': '#ef6c00',
  none: GREY,
};

/**
 * Text safe to hand badge-maker, which escapes markup but not characters XML
 * forbids outright: C0 controls become spaces, lone surrogates and
 * non-characters go, runs of space shrink to one, and the text is cut to `max`
 * characters with an ellipsis.
 */
export function badgeText(text: string, max = BADGE_TEXT_MAX): string {
  const kept = [...text]
    .filter(char => {
      const code = char.codePointAt(0)!;
      const loneSurrogate = code >= 0xd800 && code <= 0xdfff;
      return !loneSurrogate && code !== 0xfffe && code !== 0xffff;
    })
    .join('')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...kept];
  return chars.length > max
    ? `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : kept;
}

const safeColor = (color: string | undefined) =>
  color && HEX_COLOR.test(color) ? color : GREY;

const count = (n: number | null, unknown = 'unknown') =>
  n === null ? unknown : String(n);

/** What each badge says about the project. */
export function badgeContent(kind: BadgeKind, data: BadgeData): BadgeContent {
  const tierColor = safeColor(data.tier?.color);
  switch (kind) {
    case 'score':
      return data.score === null
        ? { label: 'InnerSource score', message: 'not measured', color: GREY }
        : {
            label: 'InnerSource score',
            message: `${data.score}/100`,
            color: tierColor,
          };
    case 'tier':
      return {
        label: 'InnerSource',
        message: data.tier?.name ?? 'not measured',
        color: tierColor,
      };
    case 'activity':
      return {
        label: 'activity',
        message: data.activityBand ?? 'unknown',
        color: ACTIVITY_COLORS[data.activityBand ?? ''] ?? GREY,
      };
    case 'help-wanted':
      return {
        label: 'help wanted',
        message:
          data.helpWanted === null ? 'unknown' : `${data.helpWanted} open`,
        color: data.helpWanted ? '#008672' : GREY,
      };
    case 'contributors':
      return {
        label: 'contributors',
        message:
          data.insideContributors === null && data.outsideContributors === null
            ? 'unknown'
            : `${count(data.insideContributors)} inside | ${count(
                data.outsideContributors,
              )} outside`,
        color: data.outsideContributors ? '#0277bd' : GREY,
      };
    case 'contribute':
    default:
      return {
        label: 'contribute to',
        message: data.displayName,
        color: '#2e7d32',
      };
  }
}

/** The badge as drawn: label replaced when asked, all text made safe. */
export function badgeFace(
  content: BadgeContent,
  options: { style: BadgeStyle; label?: string },
) {
  return {
    label: badgeText(options.label ?? content.label),
    message: badgeText(content.message) || '–',
    color: safeColor(content.color),
    style: options.style,
  };
}

export type BadgeFace = ReturnType<typeof badgeFace>;

/** A strong ETag: a hash of everything the badge shows, so it changes exactly when the picture does. */
export function badgeEtag(face: BadgeFace): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([face.style, face.label, face.message, face.color]))
    .digest('base64url');
  return `"${digest.slice(0, 27)}"`;
}

export function renderBadge(face: BadgeFace): string {
  return makeBadge(face);
}

/** Whether an If-None-Match header names the ETag (weak comparison, as RFC 9110 asks for it). */
export function matchesEtag(
  ifNoneMatch: string | undefined,
  etag: string,
): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch
    .split(',')
    .map(tag => tag.trim().replace(/^W\//, ''))
    .includes(etag);
}

/** Drawn badges by ETag, as the bytes sent: the same picture is drawn once. */
export class BadgeCache {
  private readonly svgs = new Map<string, Buffer>();

  constructor(private readonly maxEntries = 5000) {}

  svgFor(etag: string, face: BadgeFace): Buffer {
    const cached = this.svgs.get(etag);
    if (cached !== undefined) return cached;
    const svg = Buffer.from(renderBadge(face), 'utf8');
    if (this.svgs.size >= this.maxEntries) {
      const oldest = this.svgs.keys().next().value;
      if (oldest !== undefined) this.svgs.delete(oldest);
    }
    this.svgs.set(etag, svg);
    return svg;
  }
}
