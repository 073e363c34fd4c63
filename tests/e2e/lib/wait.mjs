// Waiting for conditions instead of for fixed times.

// Polls `predicate` (may be async) until it is truthy; returns its value. Throws after
// `timeoutMs` naming `what`.
export async function waitUntil(predicate, what, timeoutMs = 30000) {
  const start = Date.now();
  for (;;) {
    const v = await predicate();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// Resolves the next `event` of an EventEmitter-style object (the centrifuge client).
export const once = (emitter, event) => new Promise((resolve) => emitter.once(event, resolve));

// A message collector whose owners call notify() on every change; waitFor() resolves when a
// predicate over the collected state holds (event-driven, no polling).
export class Waitable {
  constructor() {
    this.waiters = [];
  }

  notify() {
    for (const w of [...this.waiters]) w();
  }

  // `describe()` says what was seen, for the timeout message.
  waitFor(predicate, what, timeoutMs = 30000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const v = predicate();
        if (v) {
          cleanup();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; ${this.describe()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
      };
      this.waiters.push(check);
      check();
    });
  }

  describe() {
    return '';
  }
}
