/**
 * Load results as plain data, so that a worker thread can load half of a
 * large project while the main thread loads the other half.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadResult } from './index.js';
import type { TaskTemplate } from './model.js';
import { DEFAULT_PARSE_LIMITS, fillSchemaRanges, type ParseLimits } from './parse.js';
import { LineIndex, SourceDocument, type SourceFile } from './source.js';

interface TransferredSource {
  file: string;
  absolutePath: string;
  text: string;
}

export interface TransferredLoad {
  files: string[];
  diagnostics: Diagnostic[];
  sources: TransferredSource[];
  /** Templates without `source`, which is rebuilt from `documents`. */
  templates: Array<Omit<TaskTemplate, 'source'>>;
  documents: Array<{ file: string } & ReturnType<SourceDocument['toTransfer']>>;
}

export function toTransfer(result: LoadResult): TransferredLoad {
  return {
    files: result.files,
    diagnostics: result.diagnostics,
    sources: [...result.sources.values()].map((s) => ({ file: s.file, absolutePath: s.absolutePath, text: s.text })),
    templates: result.templates.map(({ source: _source, ...rest }) => rest),
    documents: result.templates.map((t) => ({ file: t.source.file, ...t.source.toTransfer() })),
  };
}

export function fromTransfer(data: TransferredLoad, limits: Partial<ParseLimits> = {}): LoadResult {
  const effective = { ...DEFAULT_PARSE_LIMITS, ...limits };
  const sources = new Map<string, SourceFile>();
  for (const s of data.sources) {
    sources.set(s.file, { file: s.file, absolutePath: s.absolutePath, text: s.text, lines: new LineIndex(s.text) });
  }
  const templates = data.templates.map((template, i) => {
    const doc = data.documents[i]!;
    const sourceFile = sources.get(doc.file)!;
    const source = new SourceDocument(sourceFile, doc.documentIndex);
    for (const [pointer, [keyStart, keyEnd, start, end]] of doc.packed) source.record(pointer, keyStart, keyEnd, start, end);
    for (const root of doc.deferredRoots) source.deferSubtree(root, () => fillSchemaRanges(sourceFile.text, doc.documentIndex, source, effective));
    return { ...template, source } as TaskTemplate;
  });
  return { files: data.files, diagnostics: data.diagnostics, sources, templates };
}
