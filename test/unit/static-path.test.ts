import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside, resolveStaticPath } from '../../src/main/domain/web/static-path';

const root = '/srv/renderer';

describe('static paths', () => {
  it.each([
    ['/', join(root, 'index.html')],
    ['/fleet', join(root, 'index.html')],
    ['/assets/index-abc.js', join(root, 'assets/index-abc.js')],
    ['/assets/../index.html', join(root, 'index.html')],
    ['/../etc/passwd', null],
    ['/../etc/hosts.conf', null],
    ['/assets/../../secret.db', null],
    ['/assets/..%2F..%2Fetc%2Fpasswd.txt', null],
    ['/%2e%2e/%2e%2e/etc/shadow.txt', null],
    ['/..%5c..%5cwindows.ini', null],
    ['/index.html%00.js', null],
    ['/%E0%A4%A', null],
  ])('%s -> %s', (requestPath, expected) => {
    expect(resolveStaticPath(root, requestPath)).toBe(expected);
  });
});

describe('mirror paths', () => {
  it.each([
    ['/apt/Packages', join(root, 'apt/Packages')],
    ['/rpm/repodata/repomd.xml', join(root, 'rpm/repodata/repomd.xml')],
    ['/', null],
    ['/apt/../../etc/shadow', null],
  ])('%s -> %s', (requestPath, expected) => {
    expect(resolveInside(root, requestPath)).toBe(expected);
  });
});
