#!/usr/bin/env node
/*
 * Creates the example catalog's local git repositories under
 * examples/repositories/ (ignored by git), which the git provider reads
 * (examples/entities.yaml, innersource.git.localRoots in app-config.yaml), so
 * a first start without network or token shows projects in every tier,
 * contributions across teams, projects asking for help and readiness from
 * complete to bare.
 *
 * Deterministic: the authors are examples/org.yaml's users, and every commit
 * date is a fixed offset before an anchor, the start (Monday 00:00 UTC) of the
 * current week. The same script in the same week gives the same repositories,
 * commit hashes included; a run that finds them built by this very script in
 * this week does nothing. A new week (or an edited script) builds them again,
 * so their activity always looks current.
 *
 * Run: node scripts/example-repositories.mjs [--anchor=YYYY-MM-DD] [--out=DIR]
 * (scripts/setup.sh runs it before every start and test).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;
const scriptPath = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(scriptPath), '..');

/** People of examples/org.yaml, matched to their catalog Users by e-mail. */
const PEOPLE = {
  alice: ['Alice Andersson', 'alice@acme.example'], // platform-team
  grace: ['Grace Gruber', 'grace@acme.example'], // platform-team
  maintainers: [
    'InnerSource maintainers',
    'maintainers@users.noreply.r-seed-06002df7.example',
  ], // platform-team
  bob: ['Bob Bianchi', 'bob@acme.example'], // payments-team
  carol: ['Carol Chen', 'carol@acme.example'], // payments-team
  dave: ['Dave Dubois', 'dave@acme.example'], // search-team
  frank: ['Frank Fischer', 'frank@acme.example'], // search-team
  erin: ['Erin Eriksen', 'erin@acme.example'], // security-team
  heidi: ['Heidi Horvath', 'heidi@acme.example'], // security-team
  // a contractor with no catalog User: counted as unmapped, never guessed
  pat: ['Pat Partner', 'pat@partner.example'],
};

const APACHE_LICENSE = `Apache License
Version 2.0, January 2004
http://www.apache.org/licenses/

Licensed under the Apache License, Version 2.0 (the "License"); you may not
use this file except in compliance with the License. You may obtain a copy of
the License at http://www.apache.org/licenses/LICENSE-2.0
`;

const contributing = (name, team, checks) => `# Contributing to ${name}

Contributions from every team are welcome. The ${team} reviews pull requests
within two working days.

1. Open an issue first for anything larger than a bug fix, so we can agree on
   the approach.
2. Branch from \`main\`, keep the change small, and add tests.
3. Run \`${checks}\` before you push.
4. Ask for a review from the code owners; they merge once the checks pass.
`;

/**
 * The example projects. `streams` say who commits when: every `every` weeks
 * from `from` weeks before the anchor up to `to` weeks before it, on the
 * stream's `day` of that week (0 = Monday), `times` commits a day, with a
 * `Co-authored-by` trailer naming `coAuthor` when set (a coding agent).
 * `docs` are added `at` weeks before the anchor (the first commit's week when
 * left out), so readiness grows over a repository's history.
 */
const REPOSITORIES = [
  {
    // Thriving: complete readiness, a third of the work from three other teams, asking for help.
    name: 'payment-gateway',
    source: 'src/main/java/com/acme/payments',
    extension: 'java',
    checks: './gradlew check',
    modules: ['CardPayments', 'WalletPayments', 'Refunds', 'Settlement'],
    subjects: [
      'Retry card authorisations on gateway timeouts',
      'Log the acquirer response code on declines',
      'Validate the currency before capturing',
      'Add a settlement report for the finance team',
      'Handle partial refunds on split payments',
      'Speed up the wallet token lookup',
      'Document the sandbox card numbers',
      'Reject duplicate refund requests',
    ],
    streams: [
      { who: 'bob', from: 40, to: 1, every: 1, day: 1, times: 2 },
      { who: 'carol', from: 30, to: 1, every: 1, day: 3 },
      { who: 'alice', from: 12, to: 1, every: 3, day: 2 },
      { who: 'dave', from: 10, to: 2, every: 2, day: 4 },
      { who: 'grace', from: 6, to: 1, every: 1, day: 0 },
      // the newcomer funnel: Frank's first commit (20 weeks ago) is followed
      // by two more within 90 days, Erin's (18 weeks ago) by none
      { who: 'frank', from: 20, to: 16, every: 2, day: 2 },
      { who: 'erin', from: 18, to: 18, every: 1, day: 3 },
      // a commit Bob made with a coding agent: counted apart, never as a person's
      {
        who: 'bob',
        from: 2,
        to: 2,
        every: 1,
        day: 2,
        coAuthor: 'Claude <noreply@anthropic.com>',
      },
    ],
    docs: {
      'README.md': {
        at: 40,
        text: `# Payment gateway

Card and wallet payments for every checkout in the company: authorisation,
capture, refunds and settlement reports.

Run it locally with \`./gradlew bootRun\`; the sandbox card numbers are in
docs/sandbox.md.
`,
      },
      LICENSE: { at: 40, text: APACHE_LICENSE },
      'CONTRIBUTING.md': {
        at: 30,
        text: contributing(
          'the payment gateway',
          'payments team',
          './gradlew check',
        ),
      },
      '.github/CODEOWNERS': {
        at: 30,
        text: '* @acme/payments-team\n',
      },
      '.github/ISSUE_TEMPLATE/bug_report.md': {
        at: 20,
        text: '---\nname: Bug report\nabout: A payment that went wrong\n---\n\nWhat happened, what you expected, the payment id.\n',
      },
      '.github/pull_request_template.md': {
        at: 20,
        text: 'What changes, why, and how you tested it.\n',
      },
      'innersource.json': {
        at: 12,
        text: `${JSON.stringify(
          {
            title: 'Payment gateway',
            motivation:
              'Every checkout in the company runs through this gateway; the payment methods your team needs are welcome here',
            contributions: ['Payment method adapters', 'Sandbox test data'],
            skills: ['java', 'kotlin'],
            language: 'Java',
          },
          null,
          2,
        )}\n`,
      },
    },
  },
  {
    // Growing: no CODEOWNERS, two outside contributors and a contractor, asking for skills.
    name: 'search-indexer',
    source: 'internal/indexer',
    extension: 'go',
    checks: 'go test ./...',
    modules: ['analyzer', 'synonyms', 'catalog_reader', 'bulk_writer'],
    subjects: [
      'Batch bulk requests by size, not count',
      'Read the catalog changes feed incrementally',
      'Add a Swedish analyzer',
      'Skip products without a title',
      'Retry bulk writes the cluster rejected',
      'Expose indexing lag as a metric',
    ],
    streams: [
      { who: 'dave', from: 60, to: 1, every: 1, day: 2 },
      { who: 'frank', from: 20, to: 1, every: 1, day: 4 },
      { who: 'bob', from: 8, to: 2, every: 3, day: 1 },
      { who: 'alice', from: 7, to: 3, every: 4, day: 3 },
      { who: 'pat', from: 9, to: 5, every: 4, day: 0 },
    ],
    docs: {
      'README.md': {
        text: `# Search indexer

Keeps the product search index in step with the catalog database.
`,
      },
      LICENSE: { text: APACHE_LICENSE },
      'CONTRIBUTING.md': {
        at: 10,
        text: contributing(
          'the search indexer',
          'search team',
          'go test ./...',
        ),
      },
      'innersource.json': {
        at: 6,
        text: `${JSON.stringify(
          {
            title: 'Search indexer',
            motivation:
              'Search in every market depends on this indexer: we need analyzers and synonyms for languages we do not speak',
            contributions: [
              'Language analyzers',
              'Synonym lists for new markets',
            ],
            skills: ['go', 'elasticsearch'],
            language: 'Go',
          },
          null,
          2,
        )}\n`,
      },
    },
  },
  {
    // Emerging: a library gone quiet, with a README and little else.
    name: 'feature-flags',
    source: 'src',
    extension: 'ts',
    checks: 'yarn test',
    modules: ['evaluate', 'rollout', 'client', 'cache'],
    subjects: [
      'Evaluate percentage rollouts per user',
      'Cache flag definitions for a minute',
      'Type the flag client',
      'Fall back to defaults when the service is down',
    ],
    streams: [
      { who: 'alice', from: 80, to: 14, every: 2, day: 1 },
      { who: 'maintainers', from: 10, to: 4, every: 6, day: 2 },
      { who: 'carol', from: 6, to: 6, every: 1, day: 3 },
    ],
    docs: {
      'README.md': {
        text: `# Feature flags

A small TypeScript client for the company's feature flag service.
`,
      },
    },
  },
  {
    // Dormant: untouched for months, nothing but code.
    name: 'nightly-reports',
    source: 'reports',
    extension: 'py',
    checks: 'pytest',
    modules: ['orders', 'returns', 'stock'],
    subjects: [
      'Export the orders report as CSV',
      'Add the returns report',
      'Fix the stock report totals',
    ],
    streams: [{ who: 'dave', from: 150, to: 30, every: 6, day: 4 }],
    docs: {},
  },
  {
    // The security team's project behind the portal's permission policy.
    name: 'key-rotation',
    source: 'src',
    extension: 'ts',
    checks: 'yarn test',
    modules: ['rotate', 'vault', 'audit'],
    subjects: [
      'Rotate database credentials every 30 days',
      'Write an audit event for every rotation',
      'Read secrets through the vault agent',
      'Alert when a key is older than its policy allows',
    ],
    streams: [
      { who: 'erin', from: 26, to: 1, every: 1, day: 1 },
      { who: 'heidi', from: 16, to: 1, every: 2, day: 3 },
    ],
    docs: {
      'README.md': {
        text: `# Key rotation

Rotates the company's keys and credentials on schedule, and proves it.
`,
      },
      'CONTRIBUTING.md': {
        text: contributing('key rotation', 'security team', 'yarn test'),
      },
      '.github/CODEOWNERS': { text: '* @acme/security-team\n' },
      LICENSE: { text: APACHE_LICENSE },
    },
  },
];

/** Monday 00:00 UTC of the week `date` falls in. */
function weekStart(date) {
  const day = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
  );
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

/** The commits of a repository, oldest first, each with the files it writes. */
function planCommits(repository, anchor) {
  const commits = [];
  for (const [index, stream] of repository.streams.entries()) {
    for (let week = stream.from; week >= stream.to; week -= stream.every) {
      for (let n = 0; n < (stream.times ?? 1); n++) {
        // a working day of that week, in office hours that differ per stream
        const time =
          anchor.getTime() -
          week * WEEK_MS +
          stream.day * DAY_MS +
          (9 + ((index * 3 + n * 4) % 9)) * 60 * 60 * 1000 +
          n * 17 * 60 * 1000;
        commits.push({
          who: stream.who,
          time,
          ...(stream.coAuthor ? { coAuthor: stream.coAuthor } : {}),
        });
      }
    }
  }
  commits.sort((a, b) => a.time - b.time || a.who.localeCompare(b.who));
  const firstWeek = Math.max(...repository.streams.map(s => s.from));
  const docs = Object.entries(repository.docs).map(([file, doc]) => ({
    file,
    text: doc.text,
    time: anchor.getTime() - (doc.at ?? firstWeek) * WEEK_MS,
  }));
  const sources = new Map();
  return commits.map((commit, i) => {
    const files = {};
    // documents written by then go in with the first commit after their week starts
    for (const doc of docs) {
      if (!doc.done && doc.time <= commit.time) {
        files[doc.file] = doc.text;
        doc.done = true;
      }
    }
    const module = repository.modules[i % repository.modules.length];
    const subject = repository.subjects[i % repository.subjects.length];
    const file = `${repository.source}/${module}.${repository.extension}`;
    const comment = repository.extension === 'py' ? '#' : '//';
    const text = `${
      sources.get(file) ?? `${comment} ${module}\n`
    }${comment} ${subject}\n`;
    sources.set(file, text);
    files[file] = text;
    const message =
      i === 0
        ? `Start ${repository.name}\n`
        : Object.keys(files).some(f => !f.startsWith(repository.source))
        ? `${subject}\n\nAlso adds ${Object.keys(files)
            .filter(f => !f.startsWith(repository.source))
            .join(', ')}.\n`
        : `${subject}\n`;
    return {
      ...commit,
      files,
      message: commit.coAuthor
        ? `${message}\nCo-authored-by: ${commit.coAuthor}\n`
        : message,
    };
  });
}

/** The stream `git fast-import` reads: every commit on main, authored and committed by its person. */
function fastImportStream(commits) {
  const parts = [];
  const data = text => `data ${Buffer.byteLength(text)}\n${text}\n`;
  commits.forEach((commit, i) => {
    const [name, email] = PEOPLE[commit.who];
    const stamp = `${name} <${email}> ${Math.floor(commit.time / 1000)} +0000`;
    parts.push(
      'commit refs/heads/main\n',
      `mark :${i + 1}\n`,
      `author ${stamp}\n`,
      `committer ${stamp}\n`,
      data(commit.message),
    );
    if (i > 0) parts.push(`from :${i}\n`);
    for (const [file, text] of Object.entries(commit.files)) {
      parts.push(`M 100644 inline ${file}\n`, data(text));
    }
  });
  parts.push('done\n');
  return parts.join('');
}

/** git with no user or system config, so nobody's settings change a hash. */
function git(args, cwd, input) {
  return execFileSync('git', args, {
    cwd,
    input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
    },
  });
}

function buildRepository(repository, anchor, folder) {
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  git(['init', '--quiet', '--initial-branch=main'], folder);
  git(
    ['fast-import', '--quiet', '--done'],
    folder,
    fastImportStream(planCommits(repository, anchor)),
  );
  git(['checkout', '--quiet', '--force', 'main'], folder);
  return git(['rev-parse', 'HEAD'], folder).trim();
}

function main() {
  const option = name =>
    process.argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const anchorOption = option('anchor');
  const anchor = weekStart(anchorOption ? new Date(anchorOption) : new Date());
  if (Number.isNaN(anchor.getTime())) {
    throw new Error(`--anchor=${anchorOption} is not a date (YYYY-MM-DD)`);
  }
  const out = path.resolve(
    option('out') ?? path.join(root, 'examples', 'repositories'),
  );
  const version = createHash('sha1')
    .update(fs.readFileSync(scriptPath))
    .digest('hex');
  const stamp = path.join(out, '.built');
  const wanted = JSON.stringify({ version, anchor: anchor.toISOString() });
  const complete = REPOSITORIES.every(r =>
    fs.existsSync(path.join(out, r.name, '.git')),
  );
  if (
    complete &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8') === wanted
  ) {
    return;
  }
  fs.mkdirSync(out, { recursive: true });
  fs.rmSync(stamp, { force: true });
  for (const repository of REPOSITORIES) {
    const head = buildRepository(
      repository,
      anchor,
      path.join(out, repository.name),
    );
    process.stderr.write(
      `[setup] example repository ${repository.name} at ${head.slice(0, 12)}\n`,
    );
  }
  fs.writeFileSync(stamp, wanted);
}

main();
