/** The codes reported while planning and generating code. */
import { codeTable } from '../model/codes.js';

export const GENERATION_CODES = codeTable('generation', {
  'type-name-collision': { severity: 'info', summary: 'Names that would collide were made distinct (separators kept, else a short hash).' },
  'type-name-conflict': { severity: 'error', summary: 'A type could not be given a distinct name (should not happen: report it).' },
  'self-referencing-schema': {
    severity: 'info',
    summary: 'A `$ref` leads back to its own schema without a property or item in between; it adds nothing and is left out.',
  },
  'schema-not-compiled': {
    severity: 'warning',
    summary: 'A schema could not be turned into a TypeScript type; it is typed `JsonValue` (`JsonObject` for the task input).',
  },
  'unsatisfiable-result': {
    severity: 'info',
    summary:
      "No value satisfies a step's result type (or the results of the steps sharing a callable); its stub throws instead of returning.",
  },
  'output-path-collision': {
    severity: 'info',
    summary: 'Files whose paths would collide (case or punctuation) were given a hash in their names.',
  },
  'output-path-conflict': { severity: 'error', summary: 'The same template (namespace, name and version) is declared twice.' },
  'callable-kind-conflict': {
    severity: 'error',
    summary: 'One callable is used by steps of different types (e.g. decision and standard).',
  },
  'unexported-handler': {
    severity: 'warning',
    summary: 'A handler found in the handler sources is not exported, so the registration index cannot import it.',
  },
  'inexpressible-schema-keyword': {
    severity: 'info',
    summary: 'A schema keyword has no TypeScript equivalent; the generated type ignores it.',
  },
});
