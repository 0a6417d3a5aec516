/** SARIF 2.1.0, with a rule entry for every known code. */
import { CODE_LIST } from '../codes.js';
import type { Diagnostic, Severity } from '../diagnostic.js';
import { compareStrings } from '../diagnostic.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const DOCS = 'https://github.com/tasker-systems/tasker-ctl-ts/blob/main/docs/diagnostics.md';

export function renderSarif(diagnostics: readonly Diagnostic[], toolVersion: string): string {
  const known = [...CODE_LIST].sort((a, b) => compareStrings(a.code, b.code));
  const ruleIndex = new Map(known.map((meta, index) => [meta.code, index]));
  const rules = known.map((meta) => ({
    id: meta.code,
    shortDescription: { text: meta.summary },
    helpUri: `${DOCS}#${meta.code}`,
    defaultConfiguration: { level: LEVEL[meta.severity] },
  }));
  const results = diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: ruleIndex.get(d.code),
    level: LEVEL[d.severity],
    message: { text: d.hint ? `${d.message} (${d.hint})` : d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(d.file) },
          region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
        },
        ...(d.pointer ? { logicalLocations: [{ fullyQualifiedName: d.pointer, kind: 'member' }] } : {}),
      },
    ],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'tasker-ctl', version: toolVersion, informationUri: DOCS, rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
