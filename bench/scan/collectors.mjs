// The collector scripts, character for character as Patchwise sends them. The built app does not
// export them (they are private to its scan chunk), so this bundles them from the same source
// with Vite, which `npm run bench` has just built the app with.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const COLLECTORS = resolve(import.meta.dirname, '../../src/main/fleet/collectors');

/** @returns {Promise<{ debian: string, rhel: string }>} */
export async function collectorScripts() {
  const dir = mkdtempSync(join(tmpdir(), 'patchwise-bench-collectors-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `export { DEBIAN_SCRIPT as debian } from ${JSON.stringify(join(COLLECTORS, 'debian.ts'))};\n` +
        `export { RHEL_SCRIPT as rhel } from ${JSON.stringify(join(COLLECTORS, 'rhel.ts'))};\n`,
    );
    const [bundle] = await build({
      configFile: false,
      logLevel: 'silent',
      build: { write: false, minify: false, lib: { entry, formats: ['es'], fileName: 'collectors' } },
    });
    const { code } = bundle.output[0];
    const { debian, rhel } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    return { debian, rhel };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
