import type { ContributorIdentity } from './facts';

/**
 * Coding agents known by the name, login or e-mail their commits and
 * `Co-authored-by` trailers carry (compared lower-cased, whole). Config adds
 * to these (`innersource.agents`); agents with a `[bot]` login need no entry.
 *
 * @public
 */
export const DEFAULT_AGENTS: readonly string[] = [
  // never a bare first name a person may carry ("Claude", "Devin", "Jules"): e-mails and logins
  'noreply@anthropic.com',
  'copilot',
  'github copilot',
  '175728472+copilot@users.noreply.github.com',
  'cursor agent',
  'cursoragent@cursor.com',
  'codex',
  'openai codex',
  'devin ai',
  'noreply@aider.chat',
  'openhands',
  'openhands@all-hands.dev',
  'amazon q developer',
  'gemini code assist',
];

/**
 * What kind of automation an identity is, if any: `bot` when its forge marks
 * it a bot, its login ends in `[bot]` (GitHub Apps) or its e-mail holds
 * `[bot]@` (their commits); `agent` when its name, login or e-mail is one of
 * `agents` (a coding agent writing under its own name).
 *
 * @public
 */
export function automationKind(
  identity: ContributorIdentity | null | undefined,
  agents: readonly string[] = DEFAULT_AGENTS,
): 'bot' | 'agent' | undefined {
  if (!identity) return undefined;
  if (identity.bot) return 'bot';
  const login = identity.login?.trim().toLocaleLowerCase('en-US') ?? '';
  const email = identity.email?.trim().toLocaleLowerCase('en-US') ?? '';
  const name = identity.name?.trim().toLocaleLowerCase('en-US') ?? '';
  if (login.endsWith('[bot]') || email.includes('[bot]@')) return 'bot';
  if (name.endsWith('[bot]')) return 'bot';
  const known = new Set(agents.map(a => a.trim().toLocaleLowerCase('en-US')));
  if ([name, login, email].some(value => value && known.has(value)))
    return 'agent';
  // aider writes "Name (aider)" as the author of the commits it makes
  if (name.endsWith('(aider)') && known.has('noreply@aider.chat'))
    return 'agent';
  return undefined;
}

/**
 * Whether an identity is an automation account or a coding agent, whose
 * commits, pull requests and comments are no person's contribution: see
 * {@link automationKind}.
 *
 * @public
 */
export function isBot(
  identity: ContributorIdentity | null | undefined,
  agents: readonly string[] = DEFAULT_AGENTS,
): boolean {
  return automationKind(identity, agents) !== undefined;
}

/**
 * Whether a commit is an agent's or a bot's: its author is one, or one of its
 * `Co-authored-by` trailers names a coding agent or a bot.
 *
 * @public
 */
export function isAutomatedContribution(
  contribution: {
    author: ContributorIdentity;
    coAuthors?: readonly ContributorIdentity[];
  },
  agents: readonly string[] = DEFAULT_AGENTS,
): boolean {
  return (
    isBot(contribution.author, agents) ||
    (contribution.coAuthors ?? []).some(c => isBot(c, agents))
  );
}
