import { ConfigReader } from '@backstage/config';
import { readPortalPolicySettings } from './settings';

const withAdminGroup = (adminGroup?: unknown) =>
  new ConfigReader(
    adminGroup === undefined
      ? {}
      : { innersource: { permissions: { adminGroup } } },
  );

describe('readPortalPolicySettings', () => {
  it.each`
    adminGroup                         | adminGroupRef
    ${undefined}                       | ${'group:default/platform-team'}
    ${'group:default/security-team'}   | ${'group:default/security-team'}
    ${'security-team'}                 | ${'group:default/security-team'}
    ${'group:people/admins'}           | ${'group:people/admins'}
    ${' group:default/security-team '} | ${'group:default/security-team'}
  `(
    'adminGroup $adminGroup is $adminGroupRef',
    ({ adminGroup, adminGroupRef }) => {
      expect(readPortalPolicySettings(withAdminGroup(adminGroup))).toEqual({
        adminGroupRef,
      });
    },
  );

  it.each`
    adminGroup              | message
    ${'user:default/alice'} | ${'innersource.permissions.adminGroup must name a Group, got "user:default/alice" (kind user)'}
    ${'group:default/'}     | ${'innersource.permissions.adminGroup must be a group ref such as group:default/platform-team, got "group:default/"'}
  `('rejects $adminGroup', ({ adminGroup, message }) => {
    expect(() => readPortalPolicySettings(withAdminGroup(adminGroup))).toThrow(
      message,
    );
  });

  it('rejects an admin group that is not a string, naming the key', () => {
    expect(() => readPortalPolicySettings(withAdminGroup(7))).toThrow(
      /innersource\.permissions\.adminGroup/,
    );
  });
});
