/**
 * A host's slack is its free vCPU share plus its free memory share (each against allocatable
 * capacity), 0 when full and 2 when empty. Within one index group, ordering hosts by slack is
 * best-fit order for every request at once; the bin-packing weigher's fill is 1 − slack after the
 * placement / 2. Slack is cut into fixed buckets so that an update never re-sorts anything.
 */
export const SLACK_BUCKETS = 128;

const BUCKETS_PER_UNIT = SLACK_BUCKETS / 2;

/** The bucket holding `slack`; overdrawn hosts (negative slack) share the first one. */
export function slackBucket(slack: number): number {
  const bucket = Math.floor(slack * BUCKETS_PER_UNIT);
  if (bucket < 0) return 0;
  return bucket >= SLACK_BUCKETS ? SLACK_BUCKETS - 1 : bucket;
}

/** The least slack any host in `bucket` can have (the first bucket also takes overdrawn hosts). */
export function bucketSlackFloor(bucket: number): number {
  return bucket === 0 ? Number.NEGATIVE_INFINITY : bucket / BUCKETS_PER_UNIT;
}

/** The most slack any host in `bucket` can have (the last bucket closes at 2: an empty host). */
export function bucketSlackCeiling(bucket: number): number {
  return bucket === SLACK_BUCKETS - 1 ? Number.POSITIVE_INFINITY : (bucket + 1) / BUCKETS_PER_UNIT;
}
