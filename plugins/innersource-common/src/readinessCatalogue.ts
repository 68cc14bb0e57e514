import type { RepositoryFiles } from './facts';
import type { ScoringInput } from './scoring/model';
import { MEANINGFUL_TEXT_LENGTH } from './scoring/description';

/**
 * The name of a readiness check: its key in a scoring model's
 * `readiness.checks`, in `innersource.scoring` and in a project's results.
 *
 * @public
 */
export type ReadinessCheckId =
  | 'readme'
  | 'contributing'
  | 'codeowners'
  | 'license'
  | 'description'
  | 'goodFirstIssues'
  | 'issueTemplates';

/**
 * A provider that detects readiness files: the built-in `git` one, or the forge modules.
 *
 * @public
 */
export type ReadinessProvider = 'git' | 'github' | 'gitlab';

/**
 * A forge the readiness pull (merge) request writes to.
 *
 * @public
 */
export type ReadinessProposalForge = 'github' | 'gitlab';

/**
 * An entry of a repository's tree that satisfies a file check: a name in a
 * folder, counted in the repository root and in an entity's own folder.
 *
 * @public
 */
export interface ReadinessFileRule {
  /** `''` for the root (or the entity's folder), else a folder ending in `/`: `.github/`. */
  folder: string;
  /** The entry's name in lower case, file or folder: `/^codeowners$/`. */
  name: RegExp;
}

/**
 * Where a file that passes a check (or that the portal reads) is found.
 *
 * @public
 */
export interface RepositoryFileLocations {
  /** Per provider, the entries whose presence counts. Each provider lists the folders its rules name. */
  detect: Readonly<Record<ReadinessProvider, readonly ReadinessFileRule[]>>;
  /** Where the readiness pull request looks for the file and puts it; left out when it proposes none. */
  proposal?: ReadinessFileProposal;
}

/**
 * Where the readiness pull (merge) request looks for a file and puts it.
 *
 * @public
 */
export interface ReadinessFileProposal {
  /**
   * Per forge, the paths the action asks about before it proposes the file,
   * in order: any of them present means it adds none.
   */
  lookUp: Readonly<Record<ReadinessProposalForge, readonly string[]>>;
  /** Per forge, the path it writes (a folder for a set of files): one of `lookUp`. */
  writeTo: Readonly<Record<ReadinessProposalForge, string>>;
}

/**
 * What a check's scoring input is read from: the facts a provider collected,
 * the catalog entity's annotations and the derived metrics.
 *
 * @public
 */
export interface ReadinessSources {
  /** Null when the provider could not read the repository's files. */
  files: RepositoryFiles | null;
  /** The `innersource/trusted-committers` annotation's entries. */
  trustedCommitters: readonly string[];
  /** The description or innersource.json's motivation says enough (see isMeaningfulText). */
  describesItself: boolean;
  openGoodFirstIssues: number | null;
}

/**
 * A fact of the scoring input a check reads.
 *
 * @public
 */
export type ReadinessInputKey = keyof ScoringInput['readiness'];

/**
 * What people and code need to know of one readiness check.
 *
 * @public
 */
export interface ReadinessCheckDefinitionOf<K extends ReadinessCheckId> {
  id: K;
  /** Short, sentence case: the checklist's line, the Scoring tab's row. */
  label: string;
  /** How to pass it; shown when it failed. */
  advice: string;
  /** What passes it, in words, for documentation. */
  satisfiedBy: string;
  /** Its weight in the default scoring model; 0 would switch it off. */
  defaultWeight: number;
  /** For a check that counts something, how many pass by default. */
  defaultMinimum?: number;
  /** Whether a project may be exempted from it (a README never is). */
  exemptable: boolean;
  /** The repository file (per provider and forge) that passes it, for a file check. */
  file?: RepositoryFileLocations & {
    /** The flag of {@link RepositoryFiles} detection sets. */
    fact: keyof RepositoryFiles;
  };
  /** Its fact in the scoring input kept with each snapshot, and how that is read. */
  input: {
    key: ReadinessInputKey;
    read(sources: ReadinessSources): boolean | number | null;
  };
  /** Passed, failed, or unknown (null) from its fact; `minimum` as the profile sets it. */
  passes(value: boolean | number | null, minimum: number): boolean | null;
}

/**
 * Any readiness check's definition.
 *
 * @public
 */
export type ReadinessCheckDefinition = {
  [K in ReadinessCheckId]: ReadinessCheckDefinitionOf<K>;
}[ReadinessCheckId];

const rules = (folders: readonly string[], name: RegExp): ReadinessFileRule[] =>
  folders.map(folder => ({ folder, name }));

/** Detection the same on every provider (each reads only the folders it lists). */
const everywhere = (
  ...list: ReadinessFileRule[]
): Record<ReadinessProvider, readonly ReadinessFileRule[]> => ({
  git: list,
  github: list,
  gitlab: list,
});

const fromFile = (sources: ReadinessSources, fact: keyof RepositoryFiles) =>
  sources.files ? sources.files[fact] : null;

const asFact = (value: boolean | number | null): boolean | null =>
  typeof value === 'boolean' ? value : null;

const CONTRIBUTING = /^contributing(\.|$)/;
const CODEOWNERS = /^codeowners$/;
const GITHUB_ISSUE_TEMPLATES = /^(issue_template(\.md)?)$/;
const GITLAB_ISSUE_TEMPLATES = /^issue_templates$/;
const ROOT_ISSUE_TEMPLATE = /^issue_template\.md$/;

/**
 * Every readiness check, in display order. The type makes leaving one out a
 * compile error; adding one is an entry here plus its detection on each
 * provider (for a file check, a folder the provider already lists needs none)
 * and their tests.
 *
 * @public
 */
export const READINESS_CHECK_DEFINITIONS: {
  readonly [K in ReadinessCheckId]: Readonly<ReadinessCheckDefinitionOf<K>>;
} = {
  readme: {
    id: 'readme',
    label: 'README',
    advice:
      'Add a README.md that says what the project does, who uses it and how to run it locally.',
    satisfiedBy: "A README (any extension) in the root or the entity's folder",
    defaultWeight: 3,
    exemptable: false,
    file: {
      fact: 'readme',
      detect: everywhere(...rules([''], /^readme(\.|$)/)),
    },
    input: { key: 'readme', read: s => fromFile(s, 'readme') },
    passes: asFact,
  },
  contributing: {
    id: 'contributing',
    label: 'Contribution guidelines',
    advice:
      'Add a CONTRIBUTING.md that tells outsiders how to propose a change, run the tests and get a review.',
    satisfiedBy:
      'A CONTRIBUTING file in the root, `docs/` or (GitHub and git) `.github/`',
    defaultWeight: 3,
    exemptable: true,
    file: {
      fact: 'contributing',
      detect: {
        git: rules(['', '.github/', 'docs/'], CONTRIBUTING),
        github: rules(['', '.github/', 'docs/'], CONTRIBUTING),
        gitlab: rules(['', 'docs/'], CONTRIBUTING),
      },
      proposal: {
        lookUp: {
          github: [
            'CONTRIBUTING.md',
            '.github/CONTRIBUTING.md',
            'docs/CONTRIBUTING.md',
            'CONTRIBUTING',
          ],
          gitlab: ['CONTRIBUTING.md', 'docs/CONTRIBUTING.md', 'CONTRIBUTING'],
        },
        writeTo: { github: 'CONTRIBUTING.md', gitlab: 'CONTRIBUTING.md' },
      },
    },
    input: { key: 'contributing', read: s => fromFile(s, 'contributing') },
    passes: asFact,
  },
  codeowners: {
    id: 'codeowners',
    label: 'Code owners or trusted committers',
    advice:
      'Add a CODEOWNERS file (root, .github/ or docs/) or the innersource/trusted-committers annotation, so contributors know who reviews.',
    satisfiedBy:
      'A CODEOWNERS file in the root, `docs/`, `.github/` (GitHub and git) or `.gitlab/` (GitLab), or the `innersource/trusted-committers` annotation',
    defaultWeight: 2,
    exemptable: true,
    file: {
      fact: 'codeowners',
      detect: {
        git: rules(['', '.github/', 'docs/'], CODEOWNERS),
        github: rules(['', '.github/', 'docs/'], CODEOWNERS),
        gitlab: rules(['', 'docs/', '.gitlab/'], CODEOWNERS),
      },
      proposal: {
        lookUp: {
          github: ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS'],
          gitlab: ['CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'],
        },
        writeTo: { github: '.github/CODEOWNERS', gitlab: '.gitlab/CODEOWNERS' },
      },
    },
    input: {
      key: 'codeownersOrTrustedCommitters',
      read: s => s.trustedCommitters.length > 0 || fromFile(s, 'codeowners'),
    },
    passes: asFact,
  },
  license: {
    id: 'license',
    label: 'License',
    advice:
      'Add a LICENSE file, even an internal one, so other teams know on what terms they may reuse the code.',
    satisfiedBy: 'A LICENSE, LICENCE or COPYING file in the root',
    defaultWeight: 1,
    exemptable: true,
    file: {
      fact: 'license',
      detect: everywhere(...rules([''], /^(licen[cs]e|copying)(\.|$)/)),
    },
    input: { key: 'license', read: s => fromFile(s, 'license') },
    passes: asFact,
  },
  description: {
    id: 'description',
    label: 'Description',
    advice: `Describe the project in more than ${MEANINGFUL_TEXT_LENGTH} characters (metadata.description, or motivation in innersource.json), so people can tell whether it is for them.`,
    satisfiedBy: `More than ${MEANINGFUL_TEXT_LENGTH} characters of \`metadata.description\`, the forge's description or innersource.json's \`motivation\``,
    defaultWeight: 1,
    exemptable: false,
    input: { key: 'description', read: s => s.describesItself },
    passes: asFact,
  },
  goodFirstIssues: {
    id: 'goodFirstIssues',
    label: 'Good first issues',
    advice:
      'Label small, well-described issues "good first issue" so newcomers have somewhere to start.',
    satisfiedBy:
      'At least `minimum` open issues with a good-first-issue label (GitHub and GitLab)',
    defaultWeight: 2,
    defaultMinimum: 1,
    exemptable: true,
    input: { key: 'goodFirstIssues', read: s => s.openGoodFirstIssues },
    passes: (value, minimum) =>
      typeof value === 'number' ? value >= minimum : null,
  },
  issueTemplates: {
    id: 'issueTemplates',
    label: 'Issue templates',
    advice:
      'Add issue templates (.github/ISSUE_TEMPLATE/ or .gitlab/issue_templates/) so reports and requests arrive with what you need.',
    satisfiedBy:
      '`.github/ISSUE_TEMPLATE/` or `.github/issue_template.md` (GitHub and git), `.gitlab/issue_templates/` (GitLab and git), or `issue_template.md` in the root',
    defaultWeight: 1,
    exemptable: true,
    file: {
      fact: 'issueTemplate',
      detect: {
        git: [
          ...rules(['.github/'], GITHUB_ISSUE_TEMPLATES),
          ...rules(['.gitlab/'], GITLAB_ISSUE_TEMPLATES),
          ...rules([''], ROOT_ISSUE_TEMPLATE),
        ],
        github: [
          ...rules(['.github/'], GITHUB_ISSUE_TEMPLATES),
          ...rules([''], ROOT_ISSUE_TEMPLATE),
        ],
        gitlab: [
          ...rules(['.gitlab/'], GITLAB_ISSUE_TEMPLATES),
          ...rules([''], ROOT_ISSUE_TEMPLATE),
        ],
      },
      proposal: {
        lookUp: {
          github: ['.github/ISSUE_TEMPLATE'],
          gitlab: ['.gitlab/issue_templates'],
        },
        writeTo: {
          github: '.github/ISSUE_TEMPLATE',
          gitlab: '.gitlab/issue_templates',
        },
      },
    },
    input: { key: 'issueTemplates', read: s => fromFile(s, 'issueTemplate') },
    passes: asFact,
  },
};

/**
 * Every readiness check's definition, in display order.
 *
 * @public
 */
export const READINESS_CATALOGUE: readonly ReadinessCheckDefinition[] =
  Object.values(READINESS_CHECK_DEFINITIONS);

/**
 * The files the portal reads that pass no check: a pull request template,
 * and the InnerSource portal's innersource.json (which the readiness pull
 * request proposes when missing).
 *
 * @public
 */
export const OTHER_REPOSITORY_FILES: Readonly<
  Record<'pullRequestTemplate' | 'innersourceJson', RepositoryFileLocations>
> = {
  pullRequestTemplate: {
    detect: {
      git: [
        ...rules(['.github/', '', 'docs/'], /^pull_request_template(\.md)?$/),
        ...rules(['.gitlab/'], /^merge_request_templates$/),
      ],
      github: rules(
        ['.github/', '', 'docs/'],
        /^pull_request_template(\.md)?$/,
      ),
      gitlab: [
        ...rules(['', 'docs/'], /^pull_request_template(\.md)?$/),
        ...rules(['.gitlab/'], /^merge_request_templates$/),
      ],
    },
  },
  innersourceJson: {
    detect: everywhere(...rules([''], /^innersource\.json$/)),
    proposal: {
      lookUp: { github: ['innersource.json'], gitlab: ['innersource.json'] },
      writeTo: { github: 'innersource.json', gitlab: 'innersource.json' },
    },
  },
};

/**
 * Each flag of {@link RepositoryFiles} with where its file is found, in the
 * order of the flags.
 *
 * @public
 */
export const REPOSITORY_FILE_LOCATIONS = Object.fromEntries([
  ...READINESS_CATALOGUE.flatMap(check =>
    check.file ? [[check.file.fact, check.file] as const] : [],
  ),
  ...Object.entries(OTHER_REPOSITORY_FILES),
]) as Readonly<Record<keyof RepositoryFiles, RepositoryFileLocations>>;

/**
 * The folders (from the root or an entity's folder) a provider must list for
 * its readiness files to be found: `''` for the root, then others ending in `/`.
 *
 * @public
 */
export function readinessFolders(provider: ReadinessProvider): string[] {
  const folders = new Set<string>(['']);
  for (const locations of Object.values(REPOSITORY_FILE_LOCATIONS)) {
    for (const rule of locations.detect[provider]) folders.add(rule.folder);
  }
  return [...folders];
}

/**
 * The scoring input's readiness facts, each read as its check says.
 *
 * @public
 */
export function readinessInputOf(
  sources: ReadinessSources,
): ScoringInput['readiness'] {
  const input: Record<string, boolean | number | null> = {};
  for (const check of READINESS_CATALOGUE) {
    input[check.input.key] = check.input.read(sources);
  }
  return input as unknown as ScoringInput['readiness'];
}

/**
 * A file the readiness pull (merge) request can add: for a failing check, or
 * the InnerSource portal's innersource.json.
 *
 * @public
 */
export interface ProposableReadinessFile {
  reason: ReadinessCheckId | 'innersourceJson';
  proposal: ReadinessFileProposal;
}

/**
 * The files the readiness pull request can add, in the catalogue's order
 * (innersource.json last): where it looks for each and where it puts it.
 *
 * @public
 */
export const PROPOSABLE_READINESS_FILES: readonly ProposableReadinessFile[] = [
  ...READINESS_CATALOGUE.flatMap(check =>
    check.file?.proposal
      ? [{ reason: check.id, proposal: check.file.proposal }]
      : [],
  ),
  {
    reason: 'innersourceJson',
    proposal: OTHER_REPOSITORY_FILES.innersourceJson.proposal!,
  },
];
