import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, isTrustedSender } from '../../src/main/electron/sender-guard';

describe('IPC sender check', () => {
  it.each([
    ['our top-level page', 'app://patchwise/index.html', true, undefined, true],
    ['our page on another route', 'app://patchwise/index.html#/fleet', true, undefined, true],
    ['a sub-frame of our page', 'app://patchwise/index.html', false, undefined, false],
    ['another app:// host', 'app://evil/index.html', true, undefined, false],
    ['a web page', 'https://example.com/', true, undefined, false],
    ['a file URL', 'file:///tmp/index.html', true, undefined, false],
    ['a frame that is gone', undefined, true, undefined, false],
    ['garbage', 'not a url', true, undefined, false],
    ['the dev server when running unpackaged', 'http://localhost:5173/', true, 'http://localhost:5173', true],
    ['another port while the dev server runs', 'http://localhost:5174/', true, 'http://localhost:5173', false],
    ['the dev server URL in a packaged app', 'http://localhost:5173/', true, undefined, false],
  ])('%s -> trusted: %s', (_what, frameUrl, isTopLevel, devUrl, expected) => {
    expect(isTrustedSender({ frameUrl, isTopLevel }, devUrl)).toBe(expected);
  });

  it('allows navigation only within the app', () => {
    expect(isAllowedNavigation('app://patchwise/index.html#/audit')).toBe(true);
    expect(isAllowedNavigation('https://example.com/phish')).toBe(false);
  });
});
