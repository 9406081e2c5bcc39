#!/usr/bin/env node
/**
 * Completes package-lock.json with the other platforms' optional binaries.
 *
 * The registry these machines reach serves only the Linux builds of packages such as
 * @swc/core and unrs-resolver, so `npm install` writes a lockfile without the darwin/win32/…
 * variants, and `npm ci` then refuses it as out of sync. Listing each variant with the
 * os/cpu/libc of its name lets `npm ci` verify the lockfile and skip those it cannot use,
 * here and on any platform. Run after changing dependencies: `npm run lockfile:platforms`.
 */
const fs = require('node:fs');
const path = require('node:path');

const LOCKFILE = path.join(__dirname, '..', 'package-lock.json');
const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openharmony', 'netbsd', 'openbsd', 'sunos', 'aix'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];

/** os, cpu and libc from a platform package's name, e.g. @swc/core-linux-arm-gnueabihf. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (!os || !cpu) return null;
  const libc = parts.some((p) => p.startsWith('musl')) ? 'musl' : parts.some((p) => p.startsWith('gnu')) ? 'glibc' : null;
  return { os: [os], cpu: [cpu], ...(libc && os === 'linux' ? { libc: [libc] } : {}) };
}

function missingEntries(lock) {
  const added = {};
  for (const [location, entry] of Object.entries(lock.packages)) {
    for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
      const parent = location ? `${location}/node_modules/${name}` : `node_modules/${name}`;
      const hoisted = `node_modules/${name}`;
      if (lock.packages[parent] || lock.packages[hoisted] || added[hoisted]) continue;
      const platform = platformOf(name);
      const version = String(spec).replace(/^[\^~=]/, '');
      if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
      added[hoisted] = { version, optional: true, ...platform };
    }
  }
  return added;
}

function main() {
  const lock = JSON.parse(fs.readFileSync(LOCKFILE, 'utf8'));
  const added = missingEntries(lock);
  if (process.argv.includes('--check')) {
    const names = Object.keys(added);
    if (names.length) {
      console.error(
        `package-lock.json lacks ${names.length} platform entries (${names.slice(0, 3).join(', ')}…): run npm run lockfile:platforms`,
      );
      process.exit(1);
    }
    return;
  }
  Object.assign(lock.packages, added);
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  fs.writeFileSync(LOCKFILE, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`package-lock.json: ${Object.keys(added).length} platform entries added`);
}

if (require.main === module) main();
module.exports = { missingEntries, platformOf };
