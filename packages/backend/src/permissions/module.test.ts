import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { innersourceScoringPreviewPermission } from '@innersource-for-backstage/plugin-innersource-common';
import { permissionModuleInnerSourcePortalPolicy } from './module';

async function installedPolicy(config: object) {
  let installed: PermissionPolicy | undefined;
  await startTestBackend({
    extensionPoints: [
      [policyExtensionPoint, { setPolicy: p => (installed = p) }],
    ],
    features: [
      permissionModuleInnerSourcePortalPolicy,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.userInfo.mock({
        getUserInfo: async () => ({
          userEntityRef: 'user:default/erin',
          ownershipEntityRefs: [
            'user:default/erin',
            'group:default/security-team',
          ],
        }),
      }).factory,
    ],
  });
  return installed!;
}

describe('permissionModuleInnerSourcePortalPolicy', () => {
  it('installs the policy with the configured admin group', async () => {
    const policy = await installedPolicy({
      innersource: { permissions: { adminGroup: 'security-team' } },
    });
    const credentials = mockCredentials.user('user:default/erin');
    const decision = await policy.handle(
      { permission: innersourceScoringPreviewPermission },
      // the policy asks the userInfo service, not the deprecated `info`
      {
        credentials,
        info: { userEntityRef: 'user:default/erin', ownershipEntityRefs: [] },
      },
    );
    expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('stops the backend on a bad admin group, naming the key', async () => {
    await expect(
      installedPolicy({
        innersource: { permissions: { adminGroup: 'user:default/alice' } },
      }),
    ).rejects.toThrow(
      'innersource.permissions.adminGroup must name a Group, got "user:default/alice"',
    );
  });
});
