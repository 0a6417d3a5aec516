/**
 * Compiles the runtime's tests with the TypeScript compiler: they use the
 * runtime's public API as a user would, so an API change that breaks them
 * fails `vitest run` too.
 */

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

it('the runtime tests typecheck', () => {
  const configFile = path.join(here, 'tsconfig.json');
  const read = ts.readConfigFile(configFile, ts.sys.readFile);
  expect(read.error).toBeUndefined();
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, here, undefined, configFile);
  expect(parsed.errors).toEqual([]);
  expect(parsed.fileNames.map((f) => path.basename(f))).toContain('dsl.test.ts');
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(here, d.file.fileName)}:${line + 1}:${character + 1}: ${message}`;
  });
  expect(problems).toEqual([]);
}, 120_000);
