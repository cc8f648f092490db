import { queueOrder, sequenceOf } from './queue-node';

describe('queue nodes', () => {
  it('reads the ten-digit sequence the server appends', () => {
    expect(sequenceOf('candidate-5f0c-0000000042')).toBe(42);
    expect(sequenceOf('candidate-5f0c-42')).toBeUndefined();
    expect(sequenceOf('h-1')).toBeUndefined();
  });

  it('orders by sequence, whatever the random tokens, and ignores foreign children', () => {
    const children = ['lock-ffff-0000000007', 'lock-0000-0000000010', 'stray', 'candidate-aaaa-0000000001', 'lock-9999-0000000003'];
    expect(queueOrder(children, 'lock').map((entry) => entry.name)).toEqual(['lock-9999-0000000003', 'lock-ffff-0000000007', 'lock-0000-0000000010']);
  });
});
