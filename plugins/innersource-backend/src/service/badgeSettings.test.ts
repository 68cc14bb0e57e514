import { ConfigReader } from '@backstage/config';
import { readBadgeSettings } from './badgeSettings';

const read = (badges?: object) =>
  readBadgeSettings(new ConfigReader({ innersource: { badges } }));

describe('readBadgeSettings', () => {
  it('keeps badges private and cached five minutes by default', () => {
    expect(read()).toEqual({
      public: false,
      cacheControl: 'public, max-age=300',
    });
  });

  it('reads public and cacheControl', () => {
    expect(
      read({ public: true, cacheControl: 'public, max-age=60, s-maxage=600' }),
    ).toEqual({
      public: true,
      cacheControl: 'public, max-age=60, s-maxage=600',
    });
  });

  it('reads the entities whose badges are never public', () => {
    expect(
      read({
        neverPublic: { 'metadata.annotations.example.com/restricted': 'true' },
      }).neverPublic,
    ).toEqual({ 'metadata.annotations.example.com/restricted': 'true' });
  });

  it.each([[[]], ['restricted'], [{}], [{ kind: 7 }], [{ kind: [] }]])(
    'refuses neverPublic %j, naming the key',
    neverPublic => {
      expect(() => read({ neverPublic })).toThrow(
        /innersource\.badges\.neverPublic/,
      );
    },
  );

  it('names the key of a value it cannot use', () => {
    expect(() => read({ cacheControl: 'max-age=60\r\nSet-Cookie: x' })).toThrow(
      'innersource.badges.cacheControl must be a Cache-Control header value',
    );
    expect(() => read({ public: 'maybe' })).toThrow(
      "Unable to convert config value for key 'innersource.badges.public'",
    );
  });
});
