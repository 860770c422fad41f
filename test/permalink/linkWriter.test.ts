/** The link writer's state machine, transition by transition, with stand-in effects. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLinkWriter, WRITE_DELAY_MS, type WriterEffects } from '../../src/permalink/linkWriter.ts';

/** A world for the writer: a state counter as "the state", a worker that replies when told, two sinks. */
function world(withWorker = true) {
  let state = 0;
  const worker: { resolve: (fragment: string) => void; reject: () => void }[] = [];
  const address: string[] = [];
  const storage: string[] = [];
  const effects: WriterEffects = {
    encodeHere: () => `s${state}`,
    encodeOffThread: withWorker
      ? () => {
          const snapshot = `s${state}`;
          return new Promise<string>((resolve, reject) => {
            worker.push({ resolve: () => resolve(snapshot), reject: () => reject(new Error('worker failed')) });
          });
        }
      : null,
    sinks: [(f) => address.push(f), (f) => storage.push(f)],
    later: (run, ms) => {
      const t = setTimeout(run, ms);
      return () => clearTimeout(t);
    },
  };
  const writer = createLinkWriter(effects);
  return {
    writer,
    worker,
    address,
    storage,
    edit() {
      state++;
      writer.changed();
    },
  };
}

/** Lets resolved promises run (the worker's reply) without running any timer. */
async function microtasks(): Promise<void> {
  for (let k = 0; k < 5; k++) await Promise.resolve();
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the link writer', () => {
  it('idle → scheduled → encoding → writing (address bar, then storage, a task each) → idle', async () => {
    const w = world();
    expect(w.writer.phase().kind).toBe('idle');
    w.edit();
    expect(w.writer.phase().kind).toBe('scheduled');
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS - 1);
    expect(w.writer.phase().kind).toBe('scheduled');
    await vi.advanceTimersByTimeAsync(1);
    expect(w.writer.phase()).toMatchObject({ kind: 'encoding', dirty: false });
    w.worker[0]?.resolve('');
    await microtasks();
    expect(w.writer.phase()).toMatchObject({ kind: 'writing', fragment: 's1', done: 0 });
    await vi.advanceTimersToNextTimerAsync();
    expect([w.address, w.storage]).toEqual([['s1'], []]);
    expect(w.writer.phase()).toMatchObject({ kind: 'writing', done: 1 });
    await vi.advanceTimersToNextTimerAsync();
    expect([w.address, w.storage]).toEqual([['s1'], ['s1']]);
    expect(w.writer.phase().kind).toBe('idle');
    expect(w.writer.written()).toBe('s1');
  });

  it('makes one write of a burst of changes (each restarts the quiet period)', async () => {
    const w = world();
    for (let k = 0; k < 5; k++) {
      w.edit();
      await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS / 2);
    }
    expect(w.worker).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    expect(w.worker).toHaveLength(1);
    w.worker[0]?.resolve('');
    await vi.runAllTimersAsync();
    expect(w.address).toEqual(['s5']);
  });

  it('writes a change made during encoding after the write in progress', async () => {
    const w = world();
    w.edit();
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    w.edit(); // while s1 is being encoded
    expect(w.writer.phase()).toMatchObject({ kind: 'encoding', dirty: true });
    w.worker[0]?.resolve('');
    await microtasks();
    await vi.advanceTimersToNextTimerAsync();
    await vi.advanceTimersToNextTimerAsync();
    expect(w.address).toEqual(['s1']);
    expect(w.writer.phase().kind).toBe('scheduled');
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    w.worker[1]?.resolve('');
    await vi.runAllTimersAsync();
    expect(w.address).toEqual(['s1', 's2']);
    expect(w.storage).toEqual(['s1', 's2']);
  });

  it('encodes on the page, in a task of its own, when the worker fails', async () => {
    const w = world();
    w.edit();
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    w.worker[0]?.reject();
    await microtasks();
    expect(w.writer.phase().kind).toBe('encoding');
    await vi.runAllTimersAsync();
    expect(w.storage).toEqual(['s1']);
  });

  it('encodes on the page where there is no worker', async () => {
    const w = world(false);
    w.edit();
    await vi.runAllTimersAsync();
    expect(w.address).toEqual(['s1']);
  });

  it('flush writes everything now from any phase, and a late reply then writes nothing', async () => {
    const w = world();
    w.edit();
    w.writer.flush(); // scheduled
    expect([w.address, w.storage]).toEqual([['s1'], ['s1']]);
    w.edit();
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    w.writer.flush(); // encoding
    expect(w.address).toEqual(['s1', 's2']);
    w.worker[0]?.resolve('');
    await vi.runAllTimersAsync();
    expect(w.address).toEqual(['s1', 's2']);
    expect(w.writer.phase().kind).toBe('idle');
  });

  it('flush halfway through writing completes that write (storage) without encoding again', async () => {
    const w = world();
    w.edit();
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    w.worker[0]?.resolve('');
    await microtasks();
    await vi.advanceTimersToNextTimerAsync(); // the address bar only
    w.writer.flush();
    expect([w.address, w.storage]).toEqual([['s1'], ['s1']]);
  });

  it('writes a change made between the address bar and storage (it is not dropped)', async () => {
    const w = world();
    w.edit();
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    w.worker[0]?.resolve('');
    await microtasks();
    await vi.advanceTimersToNextTimerAsync(); // the address bar holds s1
    w.edit(); // before storage is written
    await vi.advanceTimersToNextTimerAsync(); // storage: s1
    expect(w.writer.phase().kind).toBe('scheduled');
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    w.worker[1]?.resolve('');
    await vi.runAllTimersAsync();
    expect([w.address.at(-1), w.storage.at(-1)]).toEqual(['s2', 's2']);
  });

  it('remembers a change that need not be written now (touched): a flush writes it, and so does the next write', async () => {
    const w = world(false);
    w.writer.flush();
    expect(w.address).toEqual([]); // nothing to write
    w.writer.touched();
    expect(w.writer.phase().kind).toBe('idle');
    await vi.runAllTimersAsync();
    expect(w.address).toEqual([]);
    w.writer.flush();
    expect(w.address).toEqual(['s0']);
    w.writer.touched(); // e.g. a playback step
    w.edit(); // then an edit: its write includes both
    await vi.runAllTimersAsync();
    expect(w.address).toEqual(['s0', 's1']);
    w.writer.flush();
    expect(w.address).toEqual(['s0', 's1']); // nothing was left unwritten
  });

  it('skips writing a fragment that is already written', async () => {
    const w = world(false);
    w.edit();
    await vi.runAllTimersAsync();
    w.writer.changed(); // the state is the same
    await vi.runAllTimersAsync();
    expect(w.address).toEqual(['s1']);
    expect(w.writer.phase().kind).toBe('idle');
  });

  it('settle waits for an edit made during a write, and writes it without the quiet period', async () => {
    const w = world();
    w.edit();
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS); // encoding s1
    w.edit(); // s2, pending
    const settled = w.writer.settle();
    w.worker[0]?.resolve('');
    await microtasks();
    await vi.advanceTimersToNextTimerAsync();
    await vi.advanceTimersToNextTimerAsync(); // s1 written
    await vi.advanceTimersToNextTimerAsync(); // s2 encoded at once: no quiet period
    expect(w.worker).toHaveLength(2);
    w.worker[1]?.resolve('');
    await vi.runAllTimersAsync();
    await expect(settled).resolves.toBe('s2');
  });

  it('settle resolves when the page is left or the writer stops', async () => {
    const w = world();
    w.edit();
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    const left = w.writer.settle();
    w.writer.flush();
    await expect(left).resolves.toBe('s1');
    w.edit();
    const stopped = w.writer.settle();
    w.writer.stop();
    await expect(stopped).resolves.toBe('s1');
  });

  it('settle resolves at once when all is written, else as soon as the current state is written (no quiet period)', async () => {
    const w = world();
    w.edit();
    w.writer.flush();
    await expect(w.writer.settle()).resolves.toBe('s1');
    w.edit();
    const settled = w.writer.settle();
    expect(w.writer.phase().kind).toBe('encoding'); // did not wait for the quiet period
    w.worker[0]?.resolve('');
    await vi.runAllTimersAsync();
    await expect(settled).resolves.toBe('s2');
  });
});
