import { describe, expect, it } from 'vitest';
import { BACKUP_NUDGE_DAYS, backupIsDue, formatBytes } from '../../src/lib/storage';

const day = 24 * 60 * 60 * 1000;

describe('backup nudges', () => {
  it('nudges when there has never been a backup', () => {
    expect(backupIsDue(Date.now(), undefined)).toBe(true);
  });

  it(`nudges after ${BACKUP_NUDGE_DAYS} days, not before`, () => {
    const now = 1_000 * day;
    expect(backupIsDue(now, now - (BACKUP_NUDGE_DAYS - 1) * day)).toBe(false);
    expect(backupIsDue(now, now - (BACKUP_NUDGE_DAYS + 1) * day)).toBe(true);
  });
});

describe('sizes in words', () => {
  it('reads like a person would say them', () => {
    expect(formatBytes(undefined)).toBe('unknown');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
    expect(formatBytes(2_000_000_000)).toBe('2.0 GB');
  });
});
