import type {
  InnerSourceProvider,
  RepositoryLocation,
} from '@innersource-for-backstage/plugin-innersource-node';

/**
 * The providers modules registered, and which one collects a repository.
 * Refuses ambiguous setups at startup: two providers with one id, or two
 * providers claiming one host.
 */
export class ProviderRegistry {
  private readonly byHost = new Map<string, InnerSourceProvider>();

  constructor(private readonly providers: InnerSourceProvider[]) {
    const ids = new Set<string>();
    for (const provider of providers) {
      if (ids.has(provider.id)) {
        throw new Error(
          `innersource: two providers have the id "${provider.id}"; install each provider module once`,
        );
      }
      ids.add(provider.id);
      for (const rawHost of provider.hosts) {
        const host = rawHost.toLocaleLowerCase('en-US');
        const claimed = this.byHost.get(host);
        if (claimed) {
          throw new Error(
            `innersource: providers "${claimed.id}" and "${provider.id}" both claim repositories on ${host}; ` +
              `configure that host for one of them only (for the git provider: innersource.git.allowedHosts)`,
          );
        }
        this.byHost.set(host, provider);
      }
    }
  }

  list(): InnerSourceProvider[] {
    return [...this.providers];
  }

  /** The provider that claims the location's host, else the first that supports it. */
  select(location: RepositoryLocation): InnerSourceProvider | undefined {
    if (location.type !== 'path') {
      const owner = this.byHost.get(location.host.toLocaleLowerCase('en-US'));
      if (owner?.supports(location)) return owner;
    }
    return this.providers.find(p => p.supports(location));
  }
}

/** Why no provider collects a location, in words an adopter can act on. */
export function describeMissingProvider(location: RepositoryLocation): string {
  switch (location.type) {
    case 'github':
      return `no provider collects GitHub repositories on ${location.host}; install @innersource-for-backstage/plugin-innersource-backend-module-github and configure integrations.github`;
    case 'gitlab':
      return `no provider collects GitLab repositories on ${location.host}; install @innersource-for-backstage/plugin-innersource-backend-module-gitlab and configure integrations.gitlab`;
    case 'url':
      return `no provider collects ${location.url}; add ${location.host} to innersource.git.allowedHosts or to integrations`;
    default:
      return `no provider reads the folder ${location.path}`;
  }
}
