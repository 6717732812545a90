/**
 * The import's progress on stderr: on a terminal a bar redrawn in place (at most ten times a
 * second), in a log a line every LOG_EVERY_SECONDS; both with works written and works/s.
 */
const LOG_EVERY_SECONDS = 5;
const REDRAW_EVERY_MS = 100;
const BAR_WIDTH = 30;

export class Progress {
  private started = performance.now();
  private lastShown = 0;
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly interactive = out.isTTY === true,
  ) {}

  /** Rates count from now on (not from the database's start-up). */
  begin(): void {
    this.started = performance.now();
  }

  /** `fraction` of the input read (0..1), `works` written so far, `label` what is being read. */
  update(fraction: number, works: number, label: string): void {
    const now = performance.now();
    if (now - this.lastShown < (this.interactive ? REDRAW_EVERY_MS : LOG_EVERY_SECONDS * 1000)) return;
    this.lastShown = now;
    this.show(fraction, works, label);
  }

  /** The last state, on a line of its own. */
  finish(works: number): void {
    if (this.drawn || !this.interactive) this.show(1, works, 'done');
    if (this.interactive && this.drawn) this.out.write('\n');
  }

  private show(fraction: number, works: number, label: string): void {
    const seconds = (performance.now() - this.started) / 1000;
    const rate = Math.round(works / Math.max(seconds, 0.001)).toLocaleString('en');
    const percent = `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%`.padStart(4);
    const status = `${works.toLocaleString('en')} works written, ${rate} works/s, ${seconds.toFixed(1)} s  ${label}`;
    if (!this.interactive) {
      this.out.write(`${percent} ${status}\n`);
      return;
    }
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
    const columns = this.out.columns ?? 100;
    this.out.write(`\r${`${bar} ${percent} ${status}`.slice(0, columns - 1)}\x1b[K`);
    this.drawn = true;
  }
}
