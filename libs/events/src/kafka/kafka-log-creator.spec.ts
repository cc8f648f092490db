import { configureLogging } from '@ecs/observability';
import { logLevel } from 'kafkajs';
import { kafkaLogCreator } from './kafka-log-creator';

describe('kafkaLogCreator', () => {
  const lines: Record<string, unknown>[] = [];
  beforeAll(() => configureLogging({ level: 'debug', sink: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) }));
  afterAll(() => configureLogging({ level: 'silent' }));
  beforeEach(() => (lines.length = 0));

  it('writes kafkajs entries as platform log lines at the matching level, keeping namespace and fields', () => {
    const write = kafkaLogCreator(logLevel.DEBUG);
    const at = (level: logLevel, message: string) => write({ namespace: 'Consumer', level, label: 'x', log: { timestamp: 'ignored', logger: 'kafkajs', message, groupId: 'g' } });
    at(logLevel.ERROR, 'crash');
    at(logLevel.WARN, 'slow');
    at(logLevel.INFO, 'joined');
    at(logLevel.DEBUG, 'fetch');
    at(logLevel.NOTHING, 'never');
    expect(lines.map((l) => [l.level, l.message])).toEqual([['error', 'crash'], ['warn', 'slow'], ['info', 'joined'], ['debug', 'fetch']]);
    expect(lines[0]).toMatchObject({ component: 'events.kafka', namespace: 'Consumer', groupId: 'g' });
    expect(lines[0]).not.toHaveProperty('timestamp');
  });
});
