import { describe, it, expect } from 'vitest';
import { fitErrorMessage } from '../../../src/sim/scheduler';

describe('FailedScheduling message', () => {
  it('counts reasons across nodes and sorts "count reason" as strings', () => {
    const s = (...reasons: string[]) => ({ code: 'Unschedulable' as const, reasons });
    const statuses = [...Array.from({ length: 10 }, () => s('Insufficient memory')), s('Insufficient cpu'), s('Insufficient cpu'), s('Too many pods', 'Insufficient cpu')];
    // Upstream sorts the formatted strings: "1 …" < "10 …" < "3 …".
    expect(fitErrorMessage(13, statuses)).toBe('0/13 nodes are available: 1 Too many pods, 10 Insufficient memory, 3 Insufficient cpu.');
  });

  it('appends the PostFilter message after a space', () => {
    expect(fitErrorMessage(1, [{ code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] }], 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.')).toBe(
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });
});
