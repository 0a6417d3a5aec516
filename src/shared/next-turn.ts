/**
 * Lets other work in between two stretches of main-thread work: a worker
 * thread's answers arrive only between two turns of the event loop.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
