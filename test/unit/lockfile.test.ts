import fs from 'node:fs';
import path from 'node:path';

const { missingEntries, platformOf } = require('../../scripts/lockfile-platforms.js');

describe('package-lock.json', () => {
  it('lists every platform variant of optional binaries, so that `npm ci` accepts it (npm run lockfile:platforms)', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package-lock.json'), 'utf8'));
    expect(Object.keys(missingEntries(lock))).toEqual([]);
  });

  it('reads os, cpu and libc from a platform package name', () => {
    expect(platformOf('@swc/core-linux-arm-gnueabihf')).toEqual({ os: ['linux'], cpu: ['arm'], libc: ['glibc'] });
    expect(platformOf('@unrs/resolver-binding-linux-riscv64-musl')).toEqual({ os: ['linux'], cpu: ['riscv64'], libc: ['musl'] });
    expect(platformOf('@swc/core-win32-ia32-msvc')).toEqual({ os: ['win32'], cpu: ['ia32'] });
    expect(platformOf('@swc/helpers')).toBeNull();
  });
});
