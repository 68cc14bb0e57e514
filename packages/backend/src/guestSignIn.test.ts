import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { authProvidersExtensionPoint } from '@backstage/plugin-auth-node';
import { guestSignIn } from './guestSignIn';

/** Another sign-in module, always installed: the test backend then serves the auth providers' extension point. */
const otherSignIn = createBackendModule({
  pluginId: 'auth',
  moduleId: 'other-sign-in',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init() {},
    });
  },
});

/** The sign-in providers the portal's backend installs under a config. */
async function providersInstalledWith(config: object) {
  const providers: string[] = [];
  const backend = await startTestBackend({
    extensionPoints: [
      [
        authProvidersExtensionPoint,
        { registerProvider: p => providers.push(p.providerId) },
      ],
    ],
    features: [
      otherSignIn,
      guestSignIn,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  await backend.stop();
  return providers;
}

const guestProvider = {
  auth: { providers: { guest: { userEntityRef: 'user:default/guest' } } },
};

describe('guest sign-in', () => {
  it.each([
    [
      'the local portal (app-config.yaml)',
      { innersource: { portal: { guestSignIn: true } } },
      ['guest'],
    ],
    [
      'production (app-config.production.yaml sets false)',
      { innersource: { portal: { guestSignIn: false } } },
      [],
    ],
    ['a config that does not say', {}, []],
  ])(
    'is installed for %s only when config asks',
    async (_what, portal, expected) => {
      expect(
        await providersInstalledWith({ ...guestProvider, ...portal }),
      ).toEqual(expected);
    },
  );

  it('stays out of production whatever NODE_ENV says', async () => {
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    try {
      expect(
        await providersInstalledWith({
          ...guestProvider,
          innersource: { portal: { guestSignIn: false } },
        }),
      ).toEqual([]);
    } finally {
      process.env.NODE_ENV = saved;
    }
  });
});
