import type { BackstageCredentials } from '@backstage/backend-plugin-api';

/** Who asked: a user's entity ref, or the calling service's subject. */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef)
    return principal.userEntityRef;
  return `${principal.type ?? 'unknown'}:${principal.subject ?? 'anonymous'}`;
}

/** Whether a signed-in user made the call (not a service, not anonymous). */
export function isUserCaller(credentials: BackstageCredentials): boolean {
  return (credentials.principal as { type?: string }).type === 'user';
}
