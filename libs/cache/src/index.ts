export * from './cache.port';
export * from './memory/memory-cache-store';
export * from './memory/memory-cache';
export * from './redis/redis-cache';
export * from './create-cache';
export * from './instance-status/instance-status-cache';
