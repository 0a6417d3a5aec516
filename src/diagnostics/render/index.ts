/** Picks a renderer; text goes to stderr, machine formats to stdout. */
import type { Diagnostic, DiagnosticSummary } from '../diagnostic.js';
import type { OutputFormat } from './formats.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderText, type TextRenderOptions } from './text.js';

export { OUTPUT_FORMATS, type OutputFormat } from './formats.js';

export interface RenderRequest {
  format: OutputFormat;
  diagnostics: readonly Diagnostic[];
  summary: DiagnosticSummary;
  toolVersion: string;
  text: TextRenderOptions;
}

export interface RenderedOutput {
  stream: 'stdout' | 'stderr';
  content: string;
}

export function renderDiagnostics(request: RenderRequest): RenderedOutput {
  switch (request.format) {
    case 'json':
      return { stream: 'stdout', content: renderJson(request.diagnostics, request.summary) };
    case 'github':
      return { stream: 'stdout', content: renderGithub(request.diagnostics) };
    case 'sarif':
      return { stream: 'stdout', content: renderSarif(request.diagnostics, request.toolVersion) };
    case 'text':
      return { stream: 'stderr', content: renderText(request.diagnostics, request.summary, request.text) };
  }
}

export { renderGithub } from './github.js';
export { JSON_FORMAT_VERSION, renderJson } from './json.js';
export { renderSarif } from './sarif.js';
export { colorEnabled, renderText, summaryLine } from './text.js';
