import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../src/main/cli/args';

describe('patchwise rollout', () => {
  it.each([
    [
      ['rollout', 'start'],
      {
        kind: 'rollout',
        dataDir: undefined,
        rollout: { action: 'start', fixes: [], hosts: undefined, versions: 'fixed', allUpdates: false, threshold: 0 },
        json: false,
      },
    ],
    [
      ['--data-dir', '/d', 'rollout', 'start', '--fixes', 'DSA-1, RLSA-2026:9002,', '--json'],
      {
        kind: 'rollout',
        dataDir: '/d',
        rollout: {
          action: 'start',
          fixes: ['DSA-1', 'RLSA-2026:9002'],
          hosts: undefined,
          versions: 'fixed',
          allUpdates: false,
          threshold: 0,
        },
        json: true,
      },
    ],
    [
      ['rollout', 'start', '--versions', 'latest', '--threshold', '2'],
      {
        kind: 'rollout',
        dataDir: undefined,
        rollout: { action: 'start', fixes: [], hosts: undefined, versions: 'latest', allUpdates: false, threshold: 2 },
        json: false,
      },
    ],
    [
      ['rollout', 'start', '--versions=fixed', '--threshold=1000'],
      {
        kind: 'rollout',
        dataDir: undefined,
        rollout: {
          action: 'start',
          fixes: [],
          hosts: undefined,
          versions: 'fixed',
          allUpdates: false,
          threshold: 1000,
        },
        json: false,
      },
    ],
    [
      ['rollout', 'dry-run', '--hosts', 'web1,web2', '--all-updates', '--versions', 'latest'],
      {
        kind: 'rollout',
        dataDir: undefined,
        rollout: {
          action: 'dry-run',
          fixes: [],
          hosts: ['web1', 'web2'],
          versions: 'latest',
          allUpdates: true,
          threshold: 0,
        },
        json: false,
      },
    ],
    [
      ['rollout', 'start', '--not-before', '2026-11-28T22:00:00+01:00'],
      {
        kind: 'rollout',
        dataDir: undefined,
        rollout: {
          action: 'start',
          fixes: [],
          hosts: undefined,
          versions: 'fixed',
          allUpdates: false,
          threshold: 0,
          notBefore: '2026-11-28T21:00:00.000Z',
        },
        json: false,
      },
    ],
    [['rollout', 'status'], { kind: 'rollout', dataDir: undefined, rollout: { action: 'status' }, json: false }],
    [
      ['rollout', 'status', '--json'],
      { kind: 'rollout', dataDir: undefined, rollout: { action: 'status' }, json: true },
    ],
    [['rollout', 'resume'], { kind: 'rollout', dataDir: undefined, rollout: { action: 'resume' }, json: false }],
    [['rollout', 'cancel'], { kind: 'rollout', dataDir: undefined, rollout: { action: 'cancel' }, json: false }],
    [
      ['rollout', 'approve', '--ring', 'non-critical'],
      { kind: 'rollout', dataDir: undefined, rollout: { action: 'approve', ring: 'non-critical' }, json: false },
    ],
  ])('%j', (argv, expected) => {
    expect(parseCli(argv)).toEqual(expected);
  });

  it.each([
    [['rollout', 'start', '--versions', 'newest'], /--versions must be fixed or latest, got "newest"/],
    [['rollout', 'start', '--versions', ''], /--versions must be fixed or latest, got ""/],
    [['rollout', 'start', '--threshold=-1'], /--threshold must be a whole number from 0 to 1000, got "-1"/],
    [['rollout', 'start', '--threshold', '1.5'], /--threshold must be a whole number .*"1.5"/],
    [['rollout', 'start', '--threshold', '1001'], /--threshold must be a whole number .*"1001"/],
    [['rollout', 'start', '--threshold', 'many'], /--threshold must be a whole number .*"many"/],
    [['rollout', 'start', '--not-before', 'tonight'], /--not-before must be a date and time .*"tonight"/],
    [['rollout', 'approve'], /rollout approve needs --ring NAME/],
    [['rollout', 'approve', '--ring', ''], /rollout approve needs --ring NAME/],
    [['rollout', 'launch'], /rollout needs start, dry-run, status, resume, approve or cancel, got "launch"/],
    [['rollout'], /rollout needs start, dry-run, status, resume, approve or cancel, got ""/],
    [['rollout', 'status', 'now'], /Unexpected argument: now/],
    [['rollout', 'start', '--colour'], /Unknown option '--colour'/],
  ])('%j is refused', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(UsageError);
    expect(() => parseCli(argv)).toThrow(message);
  });
});
