/** Hands out consecutive index ranges to whichever thread asks next (main thread and a worker). */
export class ChunkQueue {
  private next = 0;

  constructor(
    private readonly length: number,
    private readonly size: number,
  ) {}

  take(): { start: number; end: number } | undefined {
    if (this.next >= this.length) return undefined;
    const start = this.next;
    this.next = Math.min(this.length, start + this.size);
    return { start, end: this.next };
  }
}
