import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/cli/commands/validate-templates.js', () => ({
  validateTemplatesCommand: () => {
    throw new TypeError('boom');
  },
}));

describe('internal errors', () => {
  afterEach(() => vi.restoreAllMocks());

  it('exit 3 with a one-line message and no stack trace', async () => {
    const { main } = await import('../../src/cli/main.js');
    const writes: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      writes.push(String(chunk));
      return true;
    });
    const code = await main(['node', 'tasker-ctl', 'validate', 'templates', 'x.yaml']);
    expect(code).toBe(3);
    expect(writes.join('')).toBe(
      'tasker-ctl: internal error: boom\nThis is a bug in tasker-ctl; please report it (rerun with --debug for a stack trace).\n',
    );
  });

  it('prints the stack with --debug', async () => {
    const { main } = await import('../../src/cli/main.js');
    const writes: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      writes.push(String(chunk));
      return true;
    });
    const code = await main(['node', 'tasker-ctl', '--debug', 'validate', 'templates', 'x.yaml']);
    expect(code).toBe(3);
    expect(writes.join('')).toMatch(/TypeError: boom\n\s+at /);
  });
});
