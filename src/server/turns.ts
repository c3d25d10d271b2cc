/**
 * Turns on the event loop for synchronous bursts of work. Work on SQLite
 * (through its synchronous driver) and parsing a large input never wait on
 * I/O, so ten such jobs queued at once ran back to back and held every other
 * request of the web server for their total. Here jobs take turns: one at a
 * time, and after a job that held the thread for B ms the next one starts B ms
 * after it ended (at most `maxPauseMs` later). A burst then gets at most half
 * of the thread, and a request that arrives during one job is answered in the
 * pause after it. With `maxPauseMs` 0, jobs are only separated by one turn of
 * the loop.
 */
export class Turns {
  #last: Promise<void> = Promise.resolve();
  #resumeAt = 0;

  constructor(private readonly maxPauseMs: number) {}

  /** Resolves when it is the caller's turn, with the function that ends it (call it once the work is done). */
  take(): Promise<() => void> {
    const previous = this.#last;
    let ended!: () => void;
    this.#last = new Promise<void>((resolve) => (ended = resolve));
    return previous
      .then(() => this.#pause())
      .then(() => {
        const started = performance.now();
        let done = false;
        return () => {
          if (done) return;
          done = true;
          const now = performance.now();
          this.#resumeAt = now + Math.min(now - started, this.maxPauseMs);
          ended();
        };
      });
  }

  /** Runs `job` in its turn; the turn lasts until the job settles. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    const end = await this.take();
    try {
      return await job();
    } finally {
      end();
    }
  }

  #pause(): Promise<void> {
    const wait = this.#resumeAt - performance.now();
    return new Promise((resolve) => (wait > 1 ? setTimeout(resolve, wait) : setImmediate(resolve)));
  }
}

/**
 * The web server's turns: its transactions and its procedures' input parsing
 * share them, so that two kinds of bursts never run back to back.
 */
export const webServerTurns = new Turns(100);
