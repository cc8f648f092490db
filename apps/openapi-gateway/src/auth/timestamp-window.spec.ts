import { TimestampWindow } from './timestamp-window';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
const window = new TimestampWindow(15 * 60 * 1000, () => NOW);

describe('TimestampWindow', () => {
  it.each(['2024-06-01T12:00:00Z', '2024-06-01T11:45:00Z', '2024-06-01T12:15:00Z'])('accepts %s, within 15 minutes either way', (timestamp) => {
    expect(() => window.assertFresh(timestamp)).not.toThrow();
  });

  it.each(['2024-06-01T11:44:59Z', '2024-06-01T12:15:01Z', '2016-02-23T12:46:24Z'])('answers InvalidTimeStamp.Expired for %s', (timestamp) => {
    expect(() => window.assertFresh(timestamp)).toThrow(expect.objectContaining({ code: 'InvalidTimeStamp.Expired' }));
  });

  it.each(['1717243200', '2024-06-01', 'Sat, 01 Jun 2024 12:00:00 GMT'])('answers InvalidTimeStamp.Format for %s', (timestamp) => {
    expect(() => window.assertFresh(timestamp)).toThrow(expect.objectContaining({ code: 'InvalidTimeStamp.Format' }));
  });
});
