import type { Advisory, AdvisoryPackage } from '../../src/shared/domain/advisory';
import type { InstalledPackage } from '../../src/shared/domain/inventory';

/** An interval affected from the first version until `fixed`. */
export const fixedIn = (ecosystem: string, name: string, fixed: string): AdvisoryPackage => ({
  ecosystem,
  name,
  introduced: '0',
  fixed,
  lastAffected: null,
  status: 'affected',
});

/** An interval without a fix: open (`affected`), one the distribution will not fix, or never affected. */
export const unfixedIn = (ecosystem: string, name: string, status: AdvisoryPackage['status']): AdvisoryPackage => ({
  ecosystem,
  name,
  introduced: '0',
  fixed: null,
  lastAffected: null,
  status,
});

/** An OSV advisory of these intervals, unrated, unpublished and not withdrawn unless `overrides` say so. */
export const advisory = (id: string, packages: AdvisoryPackage[], overrides: Partial<Advisory> = {}): Advisory => ({
  id,
  source: 'osv',
  summary: '',
  severity: null,
  published: null,
  modified: '2026-01-01T00:00:00Z',
  withdrawn: null,
  cves: [],
  packages,
  ...overrides,
});

/** An installed x86_64 rpm, built from the source rpm `source`. */
export const rpm = (name: string, version: string, source: string): InstalledPackage => ({
  name,
  version,
  arch: 'x86_64',
  source,
});
