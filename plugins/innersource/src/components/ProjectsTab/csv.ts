import type { ProjectListItem } from '@innersource-for-backstage/plugin-innersource-common';

/**
 * A cell a spreadsheet would not run: text that starts like a formula (`=`,
 * `+`, `-`, `@`, or a tab or carriage return before one) gets a leading
 * apostrophe, as OWASP advises against CSV injection.
 */
export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV field: neutralised, quoted when it holds a comma, quote or line break. */
function field(value: string | number | null | undefined): string {
  const text = neutralizeCell(
    value === null || value === undefined ? '' : String(value),
  );
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text of the rows, the header first, lines ended by CRLF. */
export function toCsv(
  rows: Array<Array<string | number | null | undefined>>,
): string {
  return `${rows.map(row => row.map(field).join(',')).join('\r\n')}\r\n`;
}

export const PROJECT_CSV_HEADER = [
  'Project',
  'Title',
  'Kind',
  'Owner',
  'Tier',
  'Score',
  'Activity',
  'Language',
  'Skills',
  'Tags',
  'Open help wanted',
  'Last activity',
  'Contribute',
];

/** The directory's rows as CSV, in the order given. */
export function projectsCsv(items: ProjectListItem[]): string {
  return toCsv([
    PROJECT_CSV_HEADER,
    ...items.map(p => [
      p.entityRef,
      p.title,
      p.kind,
      p.owner,
      p.tier?.name,
      p.score,
      p.activity?.band,
      p.language,
      p.skills.join('; '),
      p.tags.join('; '),
      p.helpWanted,
      p.lastActivityAt,
      p.contributeUrl,
    ]),
  ]);
}
