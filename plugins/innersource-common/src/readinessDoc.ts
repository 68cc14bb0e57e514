import { READINESS_CATALOGUE } from './readinessCatalogue';

/** The marks around the table in docs/scoring.md that `yarn docs:readiness` rewrites. */
const READINESS_TABLE_START =
  '<!-- readiness-checks: generated from READINESS_CHECK_DEFINITIONS (plugins/innersource-common/src/readinessCatalogue.ts) by `yarn docs:readiness`; change the catalogue and run it again -->';
const READINESS_TABLE_END = '<!-- readiness-checks: end -->';

/**
 * The readiness checks as a Markdown table laid out as prettier lays it out,
 * so the generated doc stays as formatted.
 */
export function readinessChecksTable(): string {
  const header = ['Check', 'Title', 'Weight', 'May be exempted', 'Passes with'];
  const right = [false, false, true, false, false];
  const rows = READINESS_CATALOGUE.map(check => [
    `\`${check.id}\``,
    check.label,
    String(check.defaultWeight),
    check.exemptable ? 'yes' : 'no',
    check.satisfiedBy,
  ]);
  const widths = header.map((title, i) =>
    Math.max(3, title.length, ...rows.map(row => row[i].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells
      .map((cell, i) =>
        right[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]),
      )
      .join(' | ')} |`;
  const rule = `| ${widths
    .map((width, i) =>
      right[i] ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width),
    )
    .join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** docs/scoring.md with the table between its marks written afresh. */
export function withReadinessTable(doc: string): string {
  const start = doc.indexOf(READINESS_TABLE_START);
  const end = doc.indexOf(READINESS_TABLE_END);
  if (start < 0 || end < start) {
    throw new Error('docs/scoring.md has no readiness-checks marks');
  }
  return `${doc.slice(
    0,
    start + READINESS_TABLE_START.length,
  )}\n\n${readinessChecksTable()}\n\n${doc.slice(end)}`;
}
