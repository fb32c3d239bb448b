import { QueryFailedError } from 'typeorm';
import { retryingDeadlocks } from 'src/database/postgres-errors';

const failure = (code: string) =>
  new QueryFailedError('INSERT …', [], Object.assign(new Error('refused'), { code }));

describe('retryingDeadlocks', () => {
  it('runs the work again when it lost a deadlock, and gives its result', async () => {
    let calls = 0;
    const result = await retryingDeadlocks(() => {
      calls++;
      return calls < 3 ? Promise.reject(failure('40P01')) : Promise.resolve('done');
    });
    expect([result, calls]).toEqual(['done', 3]);
  });

  it('passes other failures on at once, and a deadlock after the last attempt', async () => {
    let calls = 0;
    const conflict = failure('23P01');
    await expect(retryingDeadlocks(() => (calls++, Promise.reject(conflict)))).rejects.toBe(
      conflict,
    );
    expect(calls).toBe(1);
    await expect(
      retryingDeadlocks(() => Promise.reject(failure('40P01')), 2),
    ).rejects.toBeInstanceOf(QueryFailedError);
  });
});
