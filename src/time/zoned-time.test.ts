import { formatAtolTimestamp } from './zoned-time';

describe('formatAtolTimestamp', () => {
  it('when a UTC instant is written for Moscow, then it is dd.mm.yyyy HH:MM:SS at +3', () => {
    expect(formatAtolTimestamp(new Date('2026-03-14T09:40:05Z'), 'Europe/Moscow')).toBe(
      '14.03.2026 12:40:05',
    );
  });

  it('when it is midnight, then the hour is 00, not 24', () => {
    expect(formatAtolTimestamp(new Date('2025-12-31T21:00:00Z'), 'Europe/Moscow')).toBe(
      '01.01.2026 00:00:00',
    );
  });

  it('when fields are single digits, then they are zero-padded', () => {
    expect(formatAtolTimestamp(new Date('2026-01-02T03:04:05Z'), 'UTC')).toBe(
      '02.01.2026 03:04:05',
    );
  });

  it('when another zone is configured, then its wall clock is used', () => {
    expect(formatAtolTimestamp(new Date('2026-07-01T00:30:00Z'), 'Asia/Vladivostok')).toBe(
      '01.07.2026 10:30:00',
    );
  });
});
