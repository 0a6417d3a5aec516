/** The codes of `breaking --against`; the severity is the one a change has when released without a major version bump. */
import { codeTable } from '../model/codes.js';

export const BREAKING_CODES = codeTable('breaking', {
  'template-removed': { severity: 'error', summary: 'A template was removed.' },
  'step-removed': { severity: 'error', summary: 'A step was removed.' },
  'callable-changed': { severity: 'error', summary: 'A step names another handler callable.' },
  'step-type-changed': { severity: 'error', summary: 'A step changed type (its handler is written for the old one).' },
  'ancestor-removed': { severity: 'error', summary: 'A step lost an ancestor: a handler `depends` on it now receives null.' },
  'result-schema-removed': { severity: 'error', summary: 'A step no longer declares the result_schema that steps downstream read.' },
  'result-field-removed': {
    severity: 'error',
    summary: 'A result field a downstream step can read was removed (info when no step reads the result).',
  },
  'result-field-type-changed': {
    severity: 'error',
    summary: 'A readable result field changed or narrowed its type (or its set of values).',
  },
  'result-enum-value-removed': { severity: 'error', summary: 'A readable result field no longer allows an enum value.' },
  'input-field-required': {
    severity: 'error',
    summary: 'An input field was made required, or added as required: callers that leave it out fail.',
  },
  'input-field-type-changed': { severity: 'error', summary: 'An input field changed type (or its set of values).' },
  'input-enum-value-removed': { severity: 'error', summary: 'An input field no longer allows an enum value callers may send.' },
  'result-field-optional': { severity: 'warning', summary: 'A readable result field that was required is now optional.' },
  'input-enum-value-added': { severity: 'warning', summary: 'An input field allows a new enum value, which handlers may not expect.' },
  'additional-properties-closed': { severity: 'warning', summary: 'A schema now sets `additionalProperties: false`.' },
  'input-field-removed': { severity: 'info', summary: 'An input field was removed from input_schema.' },
  'optional-field-added': { severity: 'info', summary: 'A field was added (optional in inputs): safe.' },
  'result-enum-value-added': { severity: 'info', summary: 'A result field allows a new enum value: safe.' },
});
