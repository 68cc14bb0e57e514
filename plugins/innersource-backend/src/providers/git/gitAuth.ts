import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';

/** A token from integrations for https clones, as a header set through the environment. */
export async function authConfigFor(
  integrations: ScmIntegrationRegistry | undefined,
  cloneUrl: string,
  host: string,
): Promise<Array<[string, string]>> {
  if (!cloneUrl.startsWith('https://') || !integrations) return [];
  let basic: string | undefined;
  if (integrations.github.byHost(host)) {
    const { token } = await DefaultGithubCredentialsProvider.fromIntegrations(
      integrations,
    )
      .getCredentials({ url: cloneUrl.replace(/\.git$/, '') })
      .catch(() => ({ token: undefined }));
    if (token) basic = `x-access-token:${token}`;
  } else if (integrations.gitlab.byHost(host)) {
    const token = integrations.gitlab.byHost(host)?.config.token;
    if (token) basic = `oauth2:${token}`;
  }
  return basic ? gitAuthConfig(basic, cloneUrl) : [];
}

/**
 * The header that carries a token to git over https, for the environment
 * only, and for that repository's URL only: git sends it to no other
 * address, a redirect's included.
 */
export function gitAuthConfig(
  basicCredentials: string,
  cloneUrl: string,
): Array<[string, string]> {
  return [
    [
      `http.${cloneUrl}.extraHeader`,
      `Authorization: Basic ${Buffer.from(basicCredentials).toString(
        'base64',
      )}`,
    ],
  ];
}
