import { describe, expect, it, vi } from 'vitest';
import type { Virtualizer } from '@tanstack/react-virtual';
import { skipAttachWrite } from './use-column-window';

/** A horizontal virtualizer as the scroll function sees it: the scroller's scrollTo is recorded. */
function fakeInstance() {
  const scrollTo = vi.fn();
  const instance = { options: { horizontal: true }, scrollElement: { scrollTo } };
  return { instance: instance as unknown as Virtualizer<HTMLDivElement, Element>, scrollTo };
}

describe('skipAttachWrite', () => {
  it.each([
    { name: 'the attach write to 0 is skipped', writes: [0], expected: [] },
    { name: 'a later write to 0 goes through', writes: [0, 0], expected: [0] },
    { name: 'an attach write elsewhere goes through', writes: [120], expected: [120] },
    { name: 'every write after the first goes through', writes: [0, 300, 0], expected: [300, 0] },
  ])('$name', ({ writes, expected }) => {
    const { instance, scrollTo } = fakeInstance();
    const scroll = skipAttachWrite();
    for (const offset of writes) scroll(offset, { adjustments: undefined, behavior: undefined }, instance);
    expect(scrollTo.mock.calls.map(([arg]) => (arg as { left: number }).left)).toEqual(expected);
  });

  it('an attach write with an adjustment goes through', () => {
    const { instance, scrollTo } = fakeInstance();
    skipAttachWrite()(0, { adjustments: 40, behavior: undefined }, instance);
    expect(scrollTo).toHaveBeenCalledTimes(1);
  });

  it('each grid has its own first write', () => {
    const a = fakeInstance();
    const b = fakeInstance();
    skipAttachWrite()(0, {}, a.instance);
    skipAttachWrite()(0, {}, b.instance);
    expect(a.scrollTo).not.toHaveBeenCalled();
    expect(b.scrollTo).not.toHaveBeenCalled();
  });
});
