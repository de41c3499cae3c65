// The registry this project's machines reach serves only the packages for their own platform:
// asking it for another platform's optional binary (e.g. @swc/core-darwin-arm64) answers 404,
// so `npm install` leaves such packages out of package-lock.json, and `npm ci` then refuses the
// lock as out of sync. Listing each missing optional package by version (no tarball) keeps the
// lock complete; npm skips them on platforms they are not for. Run after changing dependencies:
//   node .ci/lockfile-stubs.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [location, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    // npm resolves a dependency next to its dependant first, then at the top level; a top-level
    // copy of another version does not satisfy it, so the stub then goes next to the dependant.
    const wanted = version.replace(/^[\^~]/, '');
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (packages[nested] || packages[top]?.version === wanted) {
      continue;
    }
    packages[packages[top] ? nested : top] = { version: wanted, optional: true };
    added += 1;
  }
}
if (added > 0) {
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
}
console.log(`package-lock.json: ${added} optional platform package(s) listed.`);
