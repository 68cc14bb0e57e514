import type { ContributorIdentity } from './facts';

/**
 * Whether an identity is an automation account, whose commits, pull requests
 * and comments are no contribution: marked a bot by its forge, a login ending
 * in `[bot]` (GitHub Apps), or a `[bot]@` e-mail (their commits).
 *
 * @public
 */
export function isBot(
  identity: ContributorIdentity | null | undefined,
): boolean {
  if (!identity) return false;
  if (identity.bot) return true;
  const login = identity.login?.toLocaleLowerCase('en-US') ?? '';
  const email = identity.email?.toLocaleLowerCase('en-US') ?? '';
  return login.endsWith('[bot]') || email.includes('[bot]@');
}
