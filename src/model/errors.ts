/**
 * The one family of usage errors: a problem with how tasker-ctl was called or
 * with what it was given (a path that does not exist, a malformed
 * configuration, an unsafe output path, a broken plugin). The CLI prints the
 * message as one line and exits 2; the subclasses only add data.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
