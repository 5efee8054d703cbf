import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLabRepositories } from '../../src/main/lab/repo/build-repositories';
import { debVersion } from '../../src/main/lab/repo/definitions';
import { defaultDefinitionsDir, loadDefinitions } from '../../src/main/lab/repo/load-definitions';
import type { LabPackage, LabPackageVersion, LabRepositories } from '../../src/main/lab/repo/manifest';
import { initialLabVersion, labVersion } from '../../src/main/lab/repo/manifest';
import { missingLabRepoTools, onPath } from '../../src/main/lab/repo/tools';

const exec = promisify(execFile);
const missing = missingLabRepoTools();
const reason = missing.length > 0 ? ` (skipped: this machine lacks ${missing.join(', ')})` : '';

/** Runs a command that may fail, returning its exit code and output instead of throwing. */
async function attempt(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(file, args, { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Splits a Debian control-style file (Packages, Release) into field maps. */
function stanzas(text: string): Map<string, string>[] {
  return text
    .split(/\n\n+/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const fields = new Map<string, string>();
      let last = '';
      for (const line of block.split('\n')) {
        if (line.startsWith(' ') && last !== '') fields.set(last, `${fields.get(last) ?? ''}\n${line}`);
        else {
          const colon = line.indexOf(':');
          last = line.slice(0, colon);
          fields.set(last, line.slice(colon + 1).trim());
        }
      }
      return fields;
    });
}

describe.skipIf(missing.length > 0)(`lab package repositories${reason}`, () => {
  let root: string;
  let repos: LabRepositories;
  let coldMs = 0;

  const pkg = (name: string): LabPackage => {
    const found = repos.packages.find((entry) => entry.name === name);
    if (!found) throw new Error(`no lab package ${name}`);
    return found;
  };
  const version = (name: string, upstream: string): LabPackageVersion => {
    const found = labVersion(pkg(name), upstream);
    if (!found) throw new Error(`no ${name} ${upstream}`);
    return found;
  };
  /** Unpacks .debs into one folder, as dpkg would install them (without running scripts). */
  const unpack = async (...debs: LabPackageVersion[]): Promise<string> => {
    const dir = mkdtempSync(join(root, 'unpacked-'));
    for (const deb of debs) await exec('dpkg-deb', ['-x', deb.deb.path, dir]);
    return dir;
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'patchwise-lab-repos-'));
    const started = Date.now();
    repos = await buildLabRepositories({ outDir: join(root, 'mirror') });
    coldMs = Date.now() - started;
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('lists every package version and the ones a host starts with', () => {
    console.log(`cold build: ${String(coldMs)} ms`);
    const versions = Object.fromEntries(
      repos.packages.map((entry) => [entry.name, entry.versions.map((v) => v.version)]),
    );
    expect(versions).toEqual({
      'demo-agent': ['1.0', '1.1'],
      'demo-http': ['2.0', '2.1', '2.2'],
      'demo-kernel': ['1.0', '1.1'],
      libdemo: ['1.0', '1.1'],
    });
    const initial = Object.fromEntries(repos.packages.map((entry) => [entry.name, initialLabVersion(entry).version]));
    expect(initial).toEqual({ 'demo-agent': '1.0', 'demo-http': '2.0', 'demo-kernel': '1.0', libdemo: '1.0' });
    expect(version('libdemo', '1.0').deb.file).toMatch(/^libdemo1_1\.0-1_(amd64|arm64)\.deb$/);
    expect(version('libdemo', '1.1').rpm.file).toMatch(/^libdemo-1\.1-1\.el9\.(x86_64|aarch64)\.rpm$/);
    expect(version('demo-http', '2.2').rpm.file).toBe('demo-http-2.2-1.el9.noarch.rpm');
    expect(version('demo-http', '2.2').role).toBe('regression');
    expect(version('demo-agent', '1.1').role).toBe('broken-upgrade');
  });

  it('builds .debs with the right control fields, files and maintainer scripts', async () => {
    const lib = await exec('dpkg-deb', ['--info', version('libdemo', '1.0').deb.path]);
    expect(lib.stdout).toMatch(/ Package: libdemo1\n/);
    expect(lib.stdout).toMatch(/ Source: libdemo\n/);
    expect(lib.stdout).toMatch(/ Version: 1\.0-1\n/);
    expect(lib.stdout).not.toMatch(/postinst/); // upgrading the library restarts nothing
    const contents = await exec('dpkg-deb', ['--contents', version('libdemo', '1.0').deb.path]);
    expect(contents.stdout).toMatch(/root\/root .* \.\/usr\/lib\/libdemo\/libdemo\.so\.1\n/);

    const http = await exec('dpkg-deb', ['--info', version('demo-http', '2.1').deb.path]);
    expect(http.stdout).toMatch(/ Depends: libdemo1 \(>= 1\.0\), python3\n/);
    expect(http.stdout).toMatch(/ Architecture: all\n/);
    const postinst = await exec('dpkg-deb', ['--info', version('demo-http', '2.1').deb.path, 'postinst']);
    expect(postinst.stdout).toContain('systemctl enable demo-http.service');
    expect(postinst.stdout).toContain('systemctl restart demo-http.service');
    const httpFiles = await exec('dpkg-deb', ['--contents', version('demo-http', '2.1').deb.path]);
    expect(httpFiles.stdout).toContain('./usr/lib/systemd/system/demo-http.service');
    expect(httpFiles.stdout).toMatch(/-rwxr-xr-x root\/root .* \.\/usr\/bin\/demo-http\n/);

    const kernel = await exec('dpkg-deb', ['--info', version('demo-kernel', '1.1').deb.path, 'postinst']);
    expect(kernel.stdout).toContain('touch /var/run/reboot-required');
    expect(kernel.stdout).toContain('/var/run/reboot-required.pkgs');
  });

  it('makes the demo-agent 1.1 .deb fail on upgrade but not on a fresh install', async () => {
    const dir = mkdtempSync(join(root, 'agent-control-'));
    await exec('dpkg-deb', ['--control', version('demo-agent', '1.1').deb.path, dir]);
    const upgrade = await attempt('sh', [join(dir, 'postinst'), 'configure', '1.0-1']);
    expect(upgrade.code).toBe(1);
    expect(upgrade.stderr).toContain('demo-agent: cannot migrate');
    expect((await attempt('sh', [join(dir, 'postinst'), 'configure', ''])).code).toBe(0);
    expect(readFileSync(join(dir, 'conffiles'), 'utf8')).toBe('/etc/demo-agent/agent.conf\n');
  });

  it('indexes every .deb in Packages, and Release checksums the indexes', () => {
    const packages = stanzas(readFileSync(repos.apt.packagesFile, 'utf8'));
    const all = repos.packages.flatMap((entry) => entry.versions);
    expect(packages).toHaveLength(all.length);
    for (const entry of all) {
      const stanza = packages.find((fields) => fields.get('Filename') === `./${entry.deb.file}`);
      expect(stanza?.get('Package')).toBe(entry.deb.package);
      expect(stanza?.get('Version')).toBe(entry.deb.version);
      expect(stanza?.get('SHA256')).toBe(sha256(entry.deb.path));
    }
    const [release] = stanzas(readFileSync(repos.apt.releaseFile, 'utf8'));
    expect(release?.get('Date')).toBe('Sun, 01 Nov 2026 00:00:00 +0000');
    for (const file of ['Packages', 'Packages.gz']) {
      const digest = sha256(join(repos.apt.dir, file));
      expect(release?.get('SHA256')).toMatch(new RegExp(`${digest} +[0-9]+ ${file}\\n?`));
    }
  });

  it('builds .rpms with requires, scriptlets and the needs-restarting config', async () => {
    const requires = await exec('rpm', ['-qp', '--requires', version('demo-http', '2.0').rpm.path]);
    expect(requires.stdout).toContain('libdemo >= 1.0\n');
    expect(requires.stdout).toContain('python3\n');
    const scripts = await exec('rpm', ['-qp', '--scripts', version('demo-http', '2.0').rpm.path]);
    expect(scripts.stdout).toMatch(
      /postinstall scriptlet \(using \/bin\/sh\):[^]*systemctl restart demo-http\.service/,
    );
    expect(scripts.stdout).toMatch(/preuninstall scriptlet/);

    const lib = await exec('rpm', ['-qp', '--scripts', version('libdemo', '1.1').rpm.path]);
    expect(lib.stdout).toBe('');
    const config = await exec('rpm', ['-qp', '--configfiles', version('demo-kernel', '1.1').rpm.path]);
    expect(config.stdout).toBe('/etc/dnf/plugins/needs-restarting.d/demo-kernel.conf\n');
    const changelog = await exec('rpm', ['-qp', '--changelog', version('demo-kernel', '1.1').rpm.path]);
    expect(changelog.stdout).toContain('CVE-2026-90003');

    // rpm runs %pre with $1 = number of instances after the transaction: 2 on upgrade, 1 on install.
    const pre = await exec('rpm', ['-qp', '--qf', '%{PREIN}', version('demo-agent', '1.1').rpm.path]);
    const upgrade = await attempt('sh', ['-c', pre.stdout, 'pre', '2']);
    expect(upgrade.code).toBe(1);
    expect(upgrade.stderr).toContain('upgrade refused');
    expect((await attempt('sh', ['-c', pre.stdout, 'pre', '1'])).code).toBe(0);
  });

  it.skipIf(!onPath('python3'))('compiles libdemo into a shared library that exports demo_version()', async () => {
    const dir = await unpack(version('libdemo', '1.1'));
    const so = join(dir, 'usr/lib/libdemo/libdemo.so.1');
    const load =
      'import ctypes,sys; f=ctypes.CDLL(sys.argv[1]).demo_version; f.restype=ctypes.c_char_p; print(f().decode())';
    const { stdout } = await exec('python3', ['-c', load, so]);
    expect(stdout).toBe('1.1\n');
  });

  it.skipIf(!onPath('python3'))(
    'serves demo-http: 2.1 healthy; 2.2 slower with 4% HTTP 500',
    { timeout: 60_000 },
    async () => {
      const serve = async (upstream: string, probe: (port: number) => Promise<void>): Promise<void> => {
        const one = await unpack(version('libdemo', '1.0'), version('demo-http', upstream));
        const child = spawn('python3', [join(one, 'usr/bin/demo-http')], {
          env: { ...process.env, DEMO_HTTP_PORT: '0', DEMO_HTTP_LIBDEMO: join(one, 'usr/lib/libdemo/libdemo.so.1') },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        try {
          // The service prints its port once it listens: that line is the readiness signal.
          const lines = createInterface({ input: child.stdout });
          let port = 0;
          for await (const line of lines) {
            port = Number(/listening on port ([0-9]+)/.exec(line)?.[1] ?? 0);
            if (port > 0) break;
          }
          expect(port, 'demo-http exited before listening').toBeGreaterThan(0);
          await probe(port);
        } finally {
          child.kill();
        }
      };

      await serve('2.1', async (port) => {
        const response = await fetch(`http://127.0.0.1:${String(port)}/health`);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ status: 'ok', version: '2.1', libdemo: '1.0' });
        expect(await (await fetch(`http://127.0.0.1:${String(port)}/`)).text()).toContain('demo-http 2.1');
        const started = performance.now();
        for (let request = 0; request < 20; request += 1)
          await (await fetch(`http://127.0.0.1:${String(port)}/`)).text();
        expect((performance.now() - started) / 20).toBeLessThan(20); // no regression delay in 2.1
      });

      await serve('2.2', async (port) => {
        const statuses: number[] = [];
        const durations: number[] = [];
        let issued = 0;
        const worker = async (): Promise<void> => {
          while (issued < 200) {
            issued += 1;
            const started = performance.now();
            const response = await fetch(`http://127.0.0.1:${String(port)}/health`);
            await response.arrayBuffer();
            durations.push(performance.now() - started);
            statuses.push(response.status);
          }
        };
        await Promise.all(Array.from({ length: 10 }, worker));
        // Exactly 4 of every 100 consecutive requests fail, and each one waits 40-60 ms first.
        expect(statuses.filter((status) => status === 500)).toHaveLength(8);
        expect(statuses.filter((status) => status === 200)).toHaveLength(192);
        expect(Math.min(...durations)).toBeGreaterThanOrEqual(39);
      });
    },
  );

  /** A fresh rpmdb holding the system rpms and the initial lab versions, as a Rocky-like host starts. */
  const rpmRootWithInitialVersions = async (): Promise<string> => {
    const rpmRoot = mkdtempSync(join(root, 'rpmroot-'));
    await exec('rpm', ['--root', rpmRoot, '--initdb']);
    const base = repos.rockyBase.packages.map((entry) => entry.path);
    const initial = repos.packages.map((entry) => initialLabVersion(entry).rpm.path);
    // --justdb --noscripts: only the database changes; rpm still checks every dependency.
    await exec('rpm', ['--root', rpmRoot, '-i', '--justdb', '--noscripts', ...base, ...initial]);
    return rpmRoot;
  };

  it('installs the system rpms and the initial versions into an rpmdb, dependencies satisfied', async () => {
    const rpmRoot = await rpmRootWithInitialVersions();
    const { stdout } = await exec('rpm', [
      '--root',
      rpmRoot,
      '-qa',
      '--qf',
      '%{NAME} %{EPOCH}:%{VERSION}-%{RELEASE}\n',
    ]);
    expect(stdout).toContain('openssl 1:3.0.7-24.el9\n');
    expect(stdout).toContain('rocky-release (none):9.3-1.2.el9\n');
    expect(stdout).toContain('libdemo (none):1.0-1.el9\n');
    const openssl = repos.rockyBase.packages.find((entry) => entry.name === 'openssl');
    expect(openssl?.nevra).toMatch(/^openssl-1:3\.0\.7-24\.el9\.(x86_64|aarch64)$/);
  });

  it.skipIf(!onPath('dnf'))('publishes updateinfo that dnf reads: three RLSA security advisories', async () => {
    const rpmRoot = await rpmRootWithInitialVersions();
    const dnf = (...args: string[]) =>
      exec('dnf', [
        '--quiet',
        '--setopt=reposdir=/dev/null',
        `--setopt=cachedir=${join(root, 'dnf-cache')}`,
        `--repofrompath=lab,file://${repos.rpm.dir}`,
        `--installroot=${rpmRoot}`,
        '--releasever=9',
        '--disableplugin=*',
        ...args,
      ]);
    const security = await dnf('updateinfo', 'list', '--security');
    const ids = [...security.stdout.matchAll(/(RL[SB]A-2026:[0-9]+)/g)].map((match) => match[1]);
    expect([...new Set(ids)].sort()).toEqual(['RLSA-2026:9001', 'RLSA-2026:9002', 'RLSA-2026:9003']);
    expect(security.stdout).toMatch(/RLSA-2026:9001 +Important\/Sec\. +libdemo-1\.1-1\.el9\./);
    const bugfix = await dnf('updateinfo', 'list', '--bugfix');
    expect(bugfix.stdout).toMatch(/RLBA-2026:9004 +bugfix +demo-agent-1\.1-1\.el9\.noarch/);
    const info = await dnf('updateinfo', 'info', 'RLSA-2026:9003');
    expect(info.stdout).toMatch(/CVEs: CVE-2026-90003/);
    // dnf 4.14 does not print the reboot flag; the published record carries it.
    const updateinfo = readFileSync(repos.rpm.updateinfoFile, 'utf8');
    const kernelUpdate = updateinfo.slice(updateinfo.indexOf('<id>RLSA-2026:9003</id>'));
    expect(kernelUpdate.slice(0, kernelUpdate.indexOf('</update>'))).toContain(
      '<reboot_suggested>True</reboot_suggested>',
    );
  });

  it('reuses a current build and rebuilds byte for byte', { timeout: 120_000 }, async () => {
    const started = Date.now();
    const again = await buildLabRepositories({ outDir: repos.outDir });
    console.log(`no-op rebuild: ${String(Date.now() - started)} ms`);
    expect(again.reused).toBe(true);
    expect(again.packages).toEqual(repos.packages);

    const second = await buildLabRepositories({ outDir: join(root, 'mirror-2'), force: true });
    expect(second.reused).toBe(false);
    const digests = (repo: LabRepositories): Record<string, string> => {
      const result: Record<string, string> = {};
      for (const dir of [repo.apt.dir, repo.rpm.dir, join(repo.rpm.dir, 'repodata'), repo.rockyBase.dir]) {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          if (entry.isFile()) result[join(dir, entry.name).slice(repo.outDir.length)] = sha256(join(dir, entry.name));
        }
      }
      return result;
    };
    expect(digests(second)).toEqual(digests(repos));
  });
});

describe('the synthetic vulnerability bundle', () => {
  const feeds = join(defaultDefinitionsDir(), '..', 'feeds');
  const json = (path: string): unknown => JSON.parse(readFileSync(join(feeds, path), 'utf8'));
  const fixes = async () => {
    const { packages } = await loadDefinitions(defaultDefinitionsDir(), '');
    return packages.flatMap((definition) =>
      definition.versions.flatMap((version) =>
        version.fixes.map((cve) => ({ cve, definition, version, advisory: version.advisory?.id ?? '' })),
      ),
    );
  };

  it('has a KEV-shaped catalog marked synthetic, listing CVE-2026-90002', () => {
    const kev = json('kev/known_exploited_vulnerabilities.json') as {
      title: string;
      count: number;
      vulnerabilities: { cveID: string; notes: string; dueDate: string }[];
    };
    expect(kev.title).toContain('SYNTHETIC');
    expect(kev.count).toBe(kev.vulnerabilities.length);
    expect(kev.vulnerabilities.map((entry) => entry.cveID)).toEqual(['CVE-2026-90002']);
    expect(kev.vulnerabilities[0]?.notes).toContain('SYNTHETIC');
  });

  it('has an EPSS-shaped CSV with the model comment line and a score per CVE', async () => {
    const [comment, header, ...rows] = readFileSync(join(feeds, 'epss/epss_scores-2026-11-02.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(comment).toMatch(/^#model_version:v[0-9.]+,score_date:[0-9-]+T[0-9:]+Z$/);
    expect(header).toBe('cve,epss,percentile');
    const scored = rows.map((row) => row.split(',')[0]);
    expect(scored.sort()).toEqual((await fixes()).map((fix) => fix.cve).sort());
  });

  it('has OSV and Debian tracker records whose fixed versions are the lab packages', async () => {
    const tracker = json('debian/security-tracker.json') as Record<
      string,
      Record<string, { releases: { bookworm: { fixed_version: string; status: string } } }>
    >;
    type Osv = {
      id: string;
      affected: { package: { ecosystem: string; name: string }; ranges: { events: object[] }[] }[];
    };
    for (const { cve, definition, version, advisory } of await fixes()) {
      const source = definition.deb.source ?? definition.deb.package;
      const debian = json(`osv/debian/DEBIAN-${cve}.json`) as Osv;
      expect(debian.affected[0]?.package).toMatchObject({ ecosystem: 'Debian:12', name: source });
      expect(debian.affected[0]?.ranges[0]?.events).toContainEqual({ fixed: debVersion(version) });

      const rocky = json(`osv/rocky/${advisory.replace(':', '-')}.json`) as Osv;
      expect(rocky.id).toBe(advisory);
      expect(rocky.affected[0]?.package).toMatchObject({ ecosystem: 'Rocky Linux:9', name: definition.rpm.name });
      expect(rocky.affected[0]?.ranges[0]?.events).toContainEqual({
        fixed: `0:${version.version}-${version.rpmRelease}`,
      });

      expect(tracker[source]?.[cve]?.releases.bookworm).toMatchObject({
        status: 'resolved',
        fixed_version: debVersion(version),
      });
    }
  });
});
