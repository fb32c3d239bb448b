/**
 * Every queue, its jobs and their payloads. Payloads carry ids, never entities: the processor reads
 * the current state when it runs.
 */
export const QUEUE = {
  delivery: 'delivery',
} as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export interface JobPayloads {
  /** Send one outbox message; `messageId` is the outbox row's id. */
  deliver: { messageId: string };
}
export type JobName = keyof JobPayloads;

/** The queue each job goes to. */
export const JOB_QUEUE: { [job in JobName]: QueueName } = {
  deliver: QUEUE.delivery,
};

/** Deterministic job ids: adding a job whose id exists is a no-op, so re-adding is harmless. */
export const jobId = {
  deliver: (messageId: string) => `outbox-${messageId}`,
} satisfies { [job in JobName]: (...ids: string[]) => string };
