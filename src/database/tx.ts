import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

/** What runs once the transaction has committed: a message to publish, media to stop. */
type AfterCommit = () => Promise<void> | void;

interface ActiveTransaction {
  manager: EntityManager;
  afterCommit: AfterCommit[];
}

/**
 * The one transaction context (AsyncLocalStorage). `run` opens a transaction, or joins the one
 * under way; everything that reads or writes through `manager`, `repository` or `query` while it
 * runs uses that transaction, so no read can escape to a second connection while the caller holds
 * row locks. Outside `run`, they use the pool as single statements. Services take no `manager`
 * parameter: they ask this context.
 */
@Injectable()
export class Tx {
  private readonly logger = new Logger('Tx');
  private readonly storage = new AsyncLocalStorage<ActiveTransaction>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in a transaction: the active one when there is one (its commit is the caller's),
   * else a new one that commits when `work` resolves and rolls back when it throws. The work
   * registered with `afterCommit` runs once the outermost transaction has committed.
   */
  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const active = this.storage.getStore();
    if (active) return work(active.manager);
    const afterCommit: AfterCommit[] = [];
    const result = await this.dataSource.transaction((manager) =>
      this.storage.run({ manager, afterCommit }, () => work(manager)),
    );
    await this.runAfterCommit(afterCommit);
    return result;
  }

  /** Whether a transaction is under way here (`run` would join it, and its commit is not ours). */
  get active(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /** The active transaction's manager, else the pool's. */
  get manager(): EntityManager {
    return this.storage.getStore()?.manager ?? this.dataSource.manager;
  }

  repository<E extends ObjectLiteral>(entity: EntityTarget<E>): Repository<E> {
    return this.manager.getRepository(entity);
  }

  query<T = unknown>(sql: string, params?: unknown[]): Promise<T> {
    return this.manager.query<T>(sql, params);
  }

  /**
   * Runs `work` after the active transaction commits (never if it rolls back); outside a
   * transaction, at once. A failure there is logged: the transaction's work stands.
   */
  async afterCommit(work: AfterCommit): Promise<void> {
    const active = this.storage.getStore();
    if (active) active.afterCommit.push(work);
    else await this.runAfterCommit([work]);
  }

  private async runAfterCommit(work: AfterCommit[]): Promise<void> {
    for (const item of work) {
      try {
        await item();
      } catch (error) {
        this.logger.error(`after-commit work failed: ${(error as Error).message}`);
      }
    }
  }
}
