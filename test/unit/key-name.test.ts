import { keyNameIdentity, keyNameProblem } from '../../src/domain/auth/key-name';

describe('keyNameIdentity', () => {
  it.each([
    ['local-admin', 'LOCAL-ADMIN'],
    ['local-admin', 'l\u043Ecal-\u0430dmin'], // Cyrillic о and а
    ['local-admin', '\uFF4C\uFF4F\uFF43\uFF41\uFF4C-admin'], // full-width
    ['Straße team', 'STRASSE TEAM'], // case folding, not just lower-casing
    ['ops team', 'ops   team'],
  ])('reads %j and %j as the same name', (a, b) => {
    expect(keyNameIdentity(a)).toBe(keyNameIdentity(b));
  });

  it.each([
    ['local-admin', 'local-admins'],
    ['ops-1', 'ops-2'],
    ['dashboard', 'dash board'],
  ])('keeps %j and %j apart', (a, b) => {
    expect(keyNameIdentity(a)).not.toBe(keyNameIdentity(b));
  });
});

describe('keyNameProblem', () => {
  it.each([
    ['', /1 to 100/],
    ['x'.repeat(101), /1 to 100/],
    ['system', /reserved/],
    ['\u0405ystem', /reserved/], // Cyrillic Ѕ
    ['fitgraph', /reserved/],
    ['a\u200Db', /invisible/], // zero-width joiner
    ['a\uFEFFb', /invisible/], // byte-order mark
    ['a\u00ADb', /invisible/], // soft hyphen
    ['\u202Eevil', /bidirectional/],
    ['a\u0000b', /control/],
    ['a\u2800b', /invisible/], // braille blank
  ])('refuses %j', (name, why) => {
    expect(keyNameProblem(name)).toMatch(why);
  });

  it.each(['dashboard', 'Équipe ventes', '営業チーム', 'maria.lopez@example.com', 'systems-team'])('accepts %j', (name) => {
    expect(keyNameProblem(name)).toBeNull();
  });
});
