/** ECS instance times are UTC to the minute: `2017-12-10T04:04Z`. */
export function ecsMinuteTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16)}Z`;
}

/** ECS image times are UTC to the second: `2018-01-10T01:01:10Z`. */
export function ecsSecondTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}
