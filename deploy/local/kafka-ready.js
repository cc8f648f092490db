'use strict';
// Exits 0 when the Kafka broker at argv[2] (host:port) answers a metadata request, 1 otherwise.
// infra.sh uses it as the readiness probe: an open socket alone does not mean the broker has
// finished starting.
const { Kafka, logLevel } = require('kafkajs');

async function main() {
  const broker = process.argv[2];
  if (!broker) throw new Error('usage: node kafka-ready.js host:port');
  const admin = new Kafka({
    clientId: 'ecs-infra-probe',
    brokers: [broker],
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('no broker in the metadata');
  } finally {
    await admin.disconnect();
  }
}

main().then(
  () => process.exit(0),
  () => process.exit(1),
);
