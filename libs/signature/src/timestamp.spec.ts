import fc from 'fast-check';
import { formatSignatureTimestamp, parseSignatureTimestamp } from './timestamp';

describe('signature timestamps', () => {
  it('formats UTC without milliseconds, as the SDKs send it', () => {
    expect(formatSignatureTimestamp(new Date(Date.UTC(2024, 0, 31, 8, 5, 9, 789)))).toBe('2024-01-31T08:05:09Z');
  });

  it('parses what it formats, to the second', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        expect(parseSignatureTimestamp(formatSignatureTimestamp(date))).toBe(Math.floor(date.getTime() / 1000) * 1000);
      }),
    );
  });

  it('accepts milliseconds', () => {
    expect(parseSignatureTimestamp('2024-01-31T08:05:09.5Z')).toBe(Date.UTC(2024, 0, 31, 8, 5, 9, 500));
  });

  it.each(['2024-02-30T00:00:00Z', '2024-01-31T24:00:00Z', '2024-01-31T08:05:09', '2024-01-31 08:05:09Z', '2024-01-31T08:05:09+08:00', '', 'yesterday'])(
    'rejects %p',
    (value) => {
      expect(parseSignatureTimestamp(value)).toBeUndefined();
    },
  );
});
