/**
 * Compiles the runtime's tests (types.test-d.ts above all) with the
 * TypeScript compiler, so the type-level assertions fail `vitest run` too.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

it('the runtime tests and their type-level assertions typecheck', () => {
  const configFile = path.join(here, 'tsconfig.json');
  const read = ts.readConfigFile(configFile, ts.sys.readFile);
  expect(read.error).toBeUndefined();
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, here, undefined, configFile);
  expect(parsed.errors).toEqual([]);
  expect(parsed.fileNames.map((f) => path.basename(f))).toContain('types.test-d.ts');
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(here, d.file.fileName)}:${line + 1}:${character + 1}: ${message}`;
  });
  expect(problems).toEqual([]);
}, 120_000);
