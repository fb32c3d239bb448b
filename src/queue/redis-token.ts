/** The shared Redis client for counters, rate limits and health (queues keep their own connections). */
export const REDIS = Symbol('REDIS');
