import { ConfigReader } from '@backstage/config';
import { DEFAULT_SELECTOR } from '@innersource-for-backstage/plugin-innersource-common';
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
        selector: DEFAULT_SELECTOR,
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

  it('reads the InnerSource selector the backend plugin uses', () => {
    const selector = { kind: 'Component', 'spec.type': ['service', 'library'] };
    expect(
      readPortalPolicySettings(new ConfigReader({ innersource: { selector } }))
        .selector,
    ).toEqual(selector);
  });
});
