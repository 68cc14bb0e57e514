/* yarn docs:readiness: writes the readiness checks' table in docs/scoring.md from the readiness catalogue. */
import fs from 'node:fs';
import path from 'node:path';
import { withReadinessTable } from '../plugins/innersource-common/src/readinessDoc';

const target = path.resolve(__dirname, '..', 'docs', 'scoring.md');
fs.writeFileSync(target, withReadinessTable(fs.readFileSync(target, 'utf8')));
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
