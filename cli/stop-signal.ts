/**
 * Ctrl-C (or SIGTERM) for a command that polls until stopped: `stopped` turns true and a pending
 * `pause` ends at once, so the command finishes its loop cleanly (and can save its state) with exit 0.
 */
export class StopSignal {
  stopped = false;
  private wake: (() => void) | undefined;
  private readonly onSignal = () => {
    this.stopped = true;
    this.wake?.();
  };

  constructor() {
    process.on("SIGINT", this.onSignal);
    process.on("SIGTERM", this.onSignal);
  }

  /** Waits `ms`, or less when a stop signal comes meanwhile. */
  pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  dispose(): void {
    process.off("SIGINT", this.onSignal);
    process.off("SIGTERM", this.onSignal);
  }
}
