import { TOPIC_PARTITIONS, type TopicName } from '@ecs/contracts';
import { createLogger } from '@ecs/observability';
import type { Admin } from 'kafkajs';

const log = createLogger('events.kafka');

/** Topic and consumer-group names share the prefix, so deployments and test runs never meet on one broker. */
export function kafkaTopicName(topicPrefix: string, topic: TopicName): string {
  return `${topicPrefix}${topic}`;
}

export function assertTopicPrefix(topicPrefix: string): void {
  // Kafka allows letters, digits, '.', '_' and '-' in topic names.
  if (!/^[A-Za-z0-9._-]*$/.test(topicPrefix)) throw new Error(`topic prefix "${topicPrefix}" may hold only letters, digits, '.', '_' and '-'`);
}

/**
 * Creates the platform's topics that are missing, with the partition counts of the topic map, and
 * checks the ones that exist. Safe to run from every process at start: a topic another process
 * created meanwhile counts as created. A topic with other partition counts is reported, not
 * changed: adding partitions would move keys to other partitions and break their order.
 */
export async function ensureTopics(admin: Admin, topicPrefix: string, partitions: Record<TopicName, number> = TOPIC_PARTITIONS): Promise<void> {
  const wanted = (Object.keys(partitions) as TopicName[]).map((topic) => ({ topic: kafkaTopicName(topicPrefix, topic), numPartitions: partitions[topic] }));
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((t) => !existing.has(t.topic));
  if (missing.length > 0) {
    const created = await admin.createTopics({ topics: missing, waitForLeaders: true });
    log.info(created ? 'topics created' : 'topics already created by another process', { topics: missing.map((t) => t.topic) });
  }
  const metadata = await admin.fetchTopicMetadata({ topics: wanted.map((t) => t.topic) });
  for (const { name, partitions: actual } of metadata.topics) {
    const expected = wanted.find((t) => t.topic === name)?.numPartitions;
    if (actual.length !== expected) log.warn('topic has a different partition count than configured', { topic: name, expected, actual: actual.length });
  }
}
