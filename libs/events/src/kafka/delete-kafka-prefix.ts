import { Kafka, logLevel } from 'kafkajs';

const SETTLE_ATTEMPTS = 40;
const SETTLE_PAUSE_MS = 250;

/**
 * Deletes the topics and consumer groups whose names start with `prefix`: the cleanup of a test
 * run or a benchmark that used a prefix of its own. Close the prefix's consumers first.
 */
export async function deleteKafkaPrefix(brokers: readonly string[], prefix: string): Promise<void> {
  if (prefix === '') throw new Error('refusing to delete every topic and group: the prefix is empty');
  const admin = new Kafka({ clientId: 'ecs-prefix-cleanup', brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    let groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    // A group whose last member has just left can still be settling on the coordinator (NON_EMPTY_GROUP:
    // retry), or may already be gone by itself (GROUP_ID_NOT_FOUND: done).
    for (let attempt = 1; groups.length > 0; attempt++) {
      try {
        await admin.deleteGroups(groups);
        groups = [];
      } catch (error) {
        const failed = (error as { groups?: { groupId: string; error?: { type?: string } }[] }).groups ?? [];
        const unexpected = failed.filter((g) => g.error?.type !== 'NON_EMPTY_GROUP' && g.error?.type !== 'GROUP_ID_NOT_FOUND');
        if (failed.length === 0 || unexpected.length > 0) throw error;
        groups = failed.filter((g) => g.error?.type === 'NON_EMPTY_GROUP').map((g) => g.groupId);
        if (groups.length > 0 && attempt >= SETTLE_ATTEMPTS) throw error;
        if (groups.length > 0) await new Promise((resolve) => setTimeout(resolve, SETTLE_PAUSE_MS));
      }
    }
  } finally {
    await admin.disconnect();
  }
}
