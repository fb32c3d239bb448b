import { nestsDeeperThan } from 'src/common/json-depth';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('nestsDeeperThan', () => {
  it.each([
    [1, 0, false],
    [null, 0, false],
    [{}, 1, false],
    [{}, 0, true],
    [nested(3), 3, false],
    [nested(4), 3, true],
    [{ a: 1, b: [1, 2, { c: 'x' }] }, 3, false],
    [{ a: 1, b: [1, 2, { c: {} }] }, 3, true],
  ])('%j with at most %i levels → %s', (value, max, deeper) => {
    expect(nestsDeeperThan(value, max)).toBe(deeper);
  });

  it('copes with a nesting that would overflow a recursive walk', () => {
    expect(nestsDeeperThan(nested(100_000), 32)).toBe(true);
  });

  it('passes bytes by without walking them', () => {
    const started = performance.now();
    expect(nestsDeeperThan(Buffer.alloc(10 * 1024 * 1024), 1)).toBe(false);
    expect(nestsDeeperThan({ file: new Uint8Array(8) }, 1)).toBe(false);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
