import fs from 'node:fs';
import path from 'node:path';
import { READINESS_CATALOGUE } from './readinessCatalogue';
import { readinessChecksTable, withReadinessTable } from './readinessDoc';

describe('docs/scoring.md', () => {
  const file = path.resolve(__dirname, '..', '..', '..', 'docs', 'scoring.md');

  it('holds the table the readiness catalogue writes (run `yarn docs:readiness` after changing it)', () => {
    const doc = fs.readFileSync(file, 'utf8');
    expect(doc).toBe(withReadinessTable(doc));
  });

  it('lists every check with its default weight and whether it may be exempted', () => {
    const rows = readinessChecksTable().split('\n').slice(2);
    expect(rows).toHaveLength(READINESS_CATALOGUE.length);
    READINESS_CATALOGUE.forEach((check, i) => {
      const cells = rows[i].split('|').map(cell => cell.trim());
      expect(cells.slice(1, 5)).toEqual([
        `\`${check.id}\``,
        check.label,
        String(check.defaultWeight),
        check.exemptable ? 'yes' : 'no',
      ]);
    });
    expect(rows[0]).toContain('| `readme`');
    expect(rows[0]).toContain('| no ');
  });
});
