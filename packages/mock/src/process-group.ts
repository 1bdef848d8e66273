import { type PrismLaunch, PrismProcess } from './prism.js';

/**
 * The Prism processes of one startMocks() call, and the one owner of stopping them: once `stop()` is called (by a
 * failure, an abort or the caller) nothing new is spawned, every member is stopped, and `stopped` settles. A parent
 * that exits without stopping kills the members on its way out.
 */
export class ProcessGroup {
  /** Settles when `stop()` has stopped every member. */
  readonly stopped: Promise<void>;
  private readonly members: PrismProcess[] = [];
  private stopping: Promise<void> | undefined;
  private markStopped!: () => void;
  private readonly killAllNow = () => {
    for (const member of this.members) member.killNow();
  };

  constructor() {
    this.stopped = new Promise((resolve) => {
      this.markStopped = resolve;
    });
    process.on('exit', this.killAllNow);
  }

  /** Whether `stop()` has been called: the group takes no new members after that. */
  get isStopped(): boolean {
    return this.stopping !== undefined;
  }

  /**
   * Starts a Prism process in the group (one that waits for `serve()` when given only its folder); throws once the
   * group is stopped, so a late start leaves nothing behind.
   */
  spawn(launch: PrismLaunch | { tmpDir: string }): PrismProcess {
    if (this.isStopped) throw new Error('The mocks are being stopped: no new Prism process is started');
    const member = new PrismProcess(launch);
    this.members.push(member);
    return member;
  }

  /** Stops every member and waits until each has exited. Every call returns the same promise. */
  stop(): Promise<void> {
    this.stopping ??= Promise.all(this.members.map((member) => member.stop())).then(() => {
      process.off('exit', this.killAllNow);
      this.markStopped();
    });
    return this.stopping;
  }

  /**
   * Stops the group when one of `watched` exits on its own (not through `stop()`), after telling `onExit` which one;
   * only the first such exit is reported.
   */
  stopWhenAnyExits(watched: readonly PrismProcess[], onExit: (member: PrismProcess) => void): void {
    for (const member of watched) {
      void member.exited.then(() => {
        if (member.isStopping || this.isStopped) return;
        onExit(member);
        void this.stop();
      });
    }
  }
}
