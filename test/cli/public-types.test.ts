/**
 * The package's public declarations compile in a consumer that checks
 * libraries (`skipLibCheck: false`) and has no ambient types (`types: []`, so
 * no @types/node): no declaration may need Node's globals or `node:` modules.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScaffoldConsumer, runTsc, type ScaffoldConsumer } from '../scaffold/consumer.js';

const USES = `import { checkRegistry, generateProject, validateTemplates, type Diagnostic } from 'tasker-ctl';
import { assertCallables, defineHandler, Decision, PermanentError, type StepContext } from 'tasker-ctl/runtime';

export const api = [checkRegistry, generateProject, validateTemplates, assertCallables, defineHandler, Decision, PermanentError];
export type Used = [Diagnostic, StepContext];
`;

const consumers: ScaffoldConsumer[] = [];
afterAll(() => {
  for (const consumer of consumers) consumer.cleanup();
});

describe('public declarations', () => {
  for (const resolution of ['NodeNext', 'Bundler'] as const) {
    it(`compile with skipLibCheck: false and types: [] (${resolution})`, () => {
      const consumer = createScaffoldConsumer({ resolution });
      consumers.push(consumer);
      const compilerOptions = {
        strict: true,
        target: 'ES2022',
        ...(resolution === 'Bundler'
          ? { module: 'ESNext', moduleResolution: 'Bundler' }
          : { module: 'NodeNext', moduleResolution: 'NodeNext' }),
        lib: ['ES2022'],
        types: [],
        skipLibCheck: false,
        noEmit: true,
      };
      writeFileSync(path.join(consumer.dir, 'tsconfig.libcheck.json'), JSON.stringify({ compilerOptions, files: ['uses.ts'] }));
      writeFileSync(path.join(consumer.dir, 'uses.ts'), USES);
      const tsc = runTsc(consumer.dir, 'tsconfig.libcheck.json');
      expect(tsc.output).toBe('');
      expect(tsc.status).toBe(0);
    });
  }
});
