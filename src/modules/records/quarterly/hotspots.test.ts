import { describe, expect, it } from 'vitest';
import { hot } from './quarterly-analysis.js';

const counts = [5, 4, 2, 2, 1, 1, 1, 1, 1, 1].map((count, i) => ({ key: `k${i}`, count }));

describe('quarterly hotspots', () => {
  it('lists everything at or above the count threshold', () => {
    expect(hot(counts, 3, 0).map((c) => c.count)).toEqual([5, 4]);
  });
  it('also lists the top 10%, ties included, when configured', () => {
    expect(hot(counts, 100, 10).map((c) => c.key)).toEqual(['k0']);
    expect(hot(counts, 100, 30).map((c) => c.count)).toEqual([5, 4, 2, 2]);
  });
  it('never lists items without complaints', () => {
    expect(hot([{ key: 'x', count: 0 }], 1, 100)).toEqual([]);
  });
});
