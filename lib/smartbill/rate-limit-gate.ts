import "server-only";

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/**
 * A per-key FIFO inside one process: only its head talks to the database, so thirty waiting callers
 * make one process poll, not thirty. Fairness across processes comes from the advisory lock.
 */
export class LocalGate {
  private readonly tails = new Map<string, Promise<void>>();

  /** Resolves with a release function once every earlier caller has left; rejects at the deadline. */
  enter(key: string, deadlineMs: number): Promise<() => void> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    let open!: () => void;
    const mine = new Promise<void>((r) => (open = r));
    const tail = prev.then(() => mine);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    let released = false;
    const release = () => {
      if (!released) {
        released = true;
        open();
      }
    };
    return new Promise((resolve, reject) => {
      let gaveUp = false;
      const timer = setTimeout(() => {
        gaveUp = true;
        reject(new Error("gate deadline"));
      }, Math.max(0, deadlineMs - Date.now()));
      void prev.then(() => {
        // A caller that gave up still passes its turn on, so nobody behind it waits forever.
        if (gaveUp) return release();
        clearTimeout(timer);
        resolve(release);
      });
    });
  }
}
