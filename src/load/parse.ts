/**
 * YAML → plain JSON plus a pointer → source-range map, in one pass over
 * js-yaml's event stream (`parseEvents`: a flat list of events with source
 * offsets, no syntax tree). That is the one reading path, whatever the file
 * holds: anchors and aliases (with an expansion budget), merge keys, tags,
 * duplicate keys, several documents. The `yaml` package has one other role:
 * wording a syntax error js-yaml found (its messages and positions read
 * better), see syntax-error.ts. Hostile input (alias bombs, binary files, huge
 * files, deep nesting) becomes a diagnostic, never a crash or a hang.
 */
import { COLLECTION_STYLE, EVENT_ID, type Event, getScalarValue, parseEvents, SCALAR_STYLE, type ScalarEvent } from 'js-yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt, diagnosticAtOffset, fileDiagnostic } from '../diagnostics/located.js';
import { jsonObject } from '../model/json.js';
import { joinPointer, LineIndex, SourceDocument, type SourceFile } from '../model/source.js';
import type { JsonObject, JsonValue } from '../model/template.js';
import { LOAD_CODES } from './codes.js';
import { syntaxDiagnostics } from './syntax-error.js';

export interface ParseLimits {
  /** Files larger than this many bytes are refused. */
  maxFileBytes: number;
  /** Nodes that alias expansion may add, across one document. */
  maxAliasExpansion: number;
  /** Deepest nesting accepted. */
  maxDepth: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxFileBytes: 2 * 1024 * 1024,
  maxAliasExpansion: 10_000,
  maxDepth: 128,
};

export interface ParsedDocument {
  source: SourceDocument;
  /** The document's content as plain JSON; undefined when it could not be used. */
  value: JsonValue | undefined;
}

export interface ParsedFile {
  sourceFile?: SourceFile;
  documents: ParsedDocument[];
  diagnostics: Diagnostic[];
}

/** Checks raw bytes and decodes them; returns a diagnostic instead of text when they are not UTF-8 text. */
export function decodeSource(bytes: Uint8Array, file: string, limits: ParseLimits): string | Diagnostic {
  if (bytes.byteLength > limits.maxFileBytes) {
    return fileDiagnostic(file, LOAD_CODES['file-too-large'], {
      message: `file is ${bytes.byteLength} bytes, over the ${limits.maxFileBytes}-byte limit`,
      hint: 'Task templates are small; check that this is the file you meant.',
    });
  }
  if (bytes.includes(0))
    return fileDiagnostic(file, LOAD_CODES['binary-file'], {
      message: 'file looks binary (it contains NUL bytes)',
      hint: 'Pass only YAML task templates.',
    });
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return fileDiagnostic(file, LOAD_CODES['binary-file'], { message: 'file is not valid UTF-8', hint: 'Save the file as UTF-8.' });
  }
}

export function parseSource(text: string, file: string, absolutePath: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParsedFile {
  const sourceFile: SourceFile = { file, absolutePath, text, lines: new LineIndex(text) };
  let read: { events: Event[]; text: string };
  try {
    read = eventsOf(text, limits.maxDepth);
  } catch (error) {
    return { sourceFile, documents: [], diagnostics: syntaxDiagnostics(sourceFile, error, limits.maxDepth) };
  }
  const { events } = read;
  const documents: ParsedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (let start = 0; start < events.length; ) {
    const source = new SourceDocument(sourceFile, documents.length);
    const document = new DocumentReader(read.text, events, source, limits).read(start);
    diagnostics.push(...document.diagnostics);
    if (!document.empty) documents.push({ source, value: document.value });
    start = document.next;
  }
  if (documents.length === 0) {
    diagnostics.push(
      fileDiagnostic(file, LOAD_CODES['empty-file'], {
        message: 'file holds no template',
        hint: 'A task template needs at least `name`, `namespace_name`, `version` and `steps`.',
      }),
    );
  }
  return { sourceFile, documents, diagnostics };
}

/**
 * The events of `text`. js-yaml refuses a tab used as separation before a
 * flow item (`[a,<tab>b]`, "deficient indentation"), which YAML allows: such a
 * run of tabs is read as spaces (same offsets, same values: it is only
 * separation) and the text read again. Other errors are the file's.
 */
function eventsOf(text: string, maxDepth: number): { events: Event[]; text: string } {
  let source = text;
  for (let attempt = 0; ; attempt++) {
    try {
      return { events: parseEvents(source, { maxDepth }), text: source };
    } catch (error) {
      const at = (error as { mark?: { position: number } }).mark?.position;
      if (attempt > 1000 || at === undefined || !/deficient indentation/.test((error as Error).message) || source[at - 1] !== '\t')
        throw error;
      let from = at;
      while (from > 0 && (source[from - 1] === '\t' || source[from - 1] === ' ')) from--;
      source = `${source.slice(0, from)}${source.slice(from, at).replace(/\t/g, ' ')}${source.slice(at)}`;
    }
  }
}

/** A stop of the read of one document (the budget of alias expansion is spent). */
class AbortDocument extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

interface Frame {
  start: number;
  /** The offsets of the key that introduces this collection (-1 when it has none). */
  ownKeyStart: number;
  ownKeyEnd: number;
  sequence: boolean;
  flow: boolean;
  value: JsonObject | JsonValue[];
  pointer: string;
  anchor?: string;
  /** The key of the child that comes next (mappings), its offsets, and whether it is a merge (`<<`). */
  key: string | undefined;
  keyStart: number;
  keyEnd: number;
  merge: boolean;
  /** `<<` sources, applied when the mapping closes: keys it sets itself win. */
  merges: JsonObject[];
  index: number;
  /** Where the last child's value ends, and where its line ends. */
  lastValueEnd: number;
  lastNodeEnd: number;
}

/** Reads one document's events into JSON, recording the range of every pointer. */
class DocumentReader {
  private readonly anchors = new Map<string, { value: JsonValue; size: number }>();
  private expanded = 0;
  private readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly text: string,
    private readonly events: Event[],
    private readonly source: SourceDocument,
    private readonly limits: ParseLimits,
  ) {}

  /** Reads the document whose DOCUMENT event is at `start`. */
  read(start: number): { value: JsonValue | undefined; empty: boolean; next: number; diagnostics: Diagnostic[] } {
    let i = start + 1;
    try {
      const { value, next, empty } = this.document(i);
      return { value, empty, next, diagnostics: this.diagnostics };
    } catch (error) {
      if (!(error instanceof AbortDocument)) throw error;
      this.diagnostics.push(error.diagnostic);
      // Skip to the end of this document: its DOCUMENT's own POP.
      for (let depth = 0; i < this.events.length; i++) {
        const type = this.events[i]!.type;
        if (type === EVENT_ID.POP && depth-- === 0) break;
        if (type === EVENT_ID.SEQUENCE || type === EVENT_ID.MAPPING) depth++;
      }
      return { value: undefined, empty: false, next: i + 1, diagnostics: this.diagnostics };
    }
  }

  private document(start: number): { value: JsonValue; empty: boolean; next: number } {
    const { text, events } = this;
    const stack: Frame[] = [];
    let root: JsonValue | undefined;
    let empty = false;
    let i = start;
    for (; i < events.length; i++) {
      const event = events[i]!;
      if (event.type === EVENT_ID.POP) {
        const frame = stack.pop();
        if (!frame) break; // the DOCUMENT's own POP
        const end = frame.flow ? closingBracket(text, frame) : Math.max(frame.lastNodeEnd, frame.start);
        this.put(frame.pointer, frame.ownKeyStart, frame.ownKeyEnd, frame.start, end);
        if (!frame.sequence) applyMerges(frame);
        if (frame.anchor !== undefined) this.anchors.set(frame.anchor, { value: frame.value, size: sizeOf(frame.value) });
        const nodeEnd = frame.flow ? lineEnd(text, end) : end;
        root = this.attach(stack, frame.value, end, nodeEnd) ?? root;
        continue;
      }
      if (event.type === EVENT_ID.DOCUMENT) break; // not reached: documents are read one at a time
      const parent = stack[stack.length - 1];

      if (parent && !parent.sequence && parent.key === undefined) {
        this.key(parent, event, i);
        if (event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.MAPPING) i = skipNode(events, i);
        continue;
      }

      const pointer = !parent ? '' : parent.sequence ? joinPointer(parent.pointer, parent.index) : joinPointer(parent.pointer, parent.key!);
      const keyStart = parent && !parent.sequence ? parent.keyStart : -1;
      const keyEnd = parent && !parent.sequence ? parent.keyEnd : -1;
      if (event.type === EVENT_ID.ALIAS) {
        const name = text.slice(event.anchorStart, event.anchorEnd);
        const target = this.anchors.get(name);
        const start = event.anchorStart - 1;
        if (!target) throw new AbortDocument(this.at(start, event.anchorEnd, 'yaml-syntax', `unresolved alias *${name}`));
        this.put(pointer, keyStart, keyEnd, start, event.anchorEnd);
        this.expanded += target.size;
        if (this.expanded > this.limits.maxAliasExpansion) {
          throw new AbortDocument(
            diagnosticAt(this.source, pointer, LOAD_CODES['yaml-alias-limit'], {
              message: `aliases expand to more than ${this.limits.maxAliasExpansion} nodes`,
              hint: 'This looks like an alias-expansion bomb; expand the data by hand or use fewer nested aliases.',
            }),
          );
        }
        root = this.attach(stack, structuredClone(target.value), event.anchorEnd, lineEnd(text, event.anchorEnd)) ?? root;
        continue;
      }
      const anchor = event.anchorStart >= 0 ? text.slice(event.anchorStart, event.anchorEnd) : undefined;
      if (event.type === EVENT_ID.SCALAR) {
        let start: number;
        let end: number;
        if (event.valueStart < 0) {
          if (!parent) {
            empty = true; // an empty document: `---` alone, or only comments
            root = null;
            continue;
          }
          start = end = parent.sequence || parent.flow ? parent.lastValueEnd : afterIndicator(text, parent.keyEnd);
        } else {
          [start, end] = scalarRange(text, event);
        }
        this.put(pointer, keyStart, keyEnd, start, end);
        const value = scalarValue(text, event);
        if (anchor !== undefined) this.anchors.set(anchor, { value, size: 1 });
        const isBlock = event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK;
        root = this.attach(stack, value, end, isBlock || event.valueStart < 0 ? end : lineEnd(text, end)) ?? root;
        continue;
      }
      const sequence = event.type === EVENT_ID.SEQUENCE;
      // Recorded at its start (pointers stay in document order), completed at its POP.
      this.put(pointer, keyStart, keyEnd, event.start, -1);
      stack.push({
        start: event.start,
        ownKeyStart: keyStart,
        ownKeyEnd: keyEnd,
        sequence,
        flow: event.style === COLLECTION_STYLE.FLOW,
        value: sequence ? [] : jsonObject(),
        pointer,
        ...(anchor !== undefined ? { anchor } : {}),
        key: undefined,
        keyStart: -1,
        keyEnd: -1,
        merge: false,
        merges: [],
        index: 0,
        lastValueEnd: event.start + 1,
        lastNodeEnd: event.start,
      });
    }
    return { value: root ?? null, empty: empty && root === null, next: i + 1 };
  }

  /** A mapping key: a scalar (a collection key becomes its JSON text). Duplicates are reported; the last value wins. */
  private key(parent: Frame, event: Event, index: number): void {
    let key: string;
    if (event.type === EVENT_ID.SCALAR) {
      const value = scalarValue(this.text, event);
      key = value === null ? '' : String(value);
      if (event.valueStart >= 0) [parent.keyStart, parent.keyEnd] = scalarRange(this.text, event);
      else {
        // An empty key sits where its `:` is.
        const colon = this.text.indexOf(':', parent.index === 0 ? parent.start : parent.lastValueEnd);
        parent.keyStart = parent.keyEnd = colon < 0 ? parent.lastValueEnd : colon;
      }
      parent.merge = key === '<<' && event.style === SCALAR_STYLE.PLAIN && event.tagStart < 0;
    } else if (event.type === EVENT_ID.ALIAS) {
      const target = this.anchors.get(this.text.slice(event.anchorStart, event.anchorEnd));
      key = target === undefined ? '' : typeof target.value === 'string' ? target.value : JSON.stringify(target.value);
      [parent.keyStart, parent.keyEnd] = [event.anchorStart - 1, event.anchorEnd];
      parent.merge = false;
    } else {
      // `? [a, b]` — rare in templates, and never a Tasker key: kept, under its source text.
      const start = 'start' in event ? event.start : parent.lastValueEnd;
      const end = collectionEnd(this.text, this.events, index);
      key = this.text.slice(start, end).trim();
      [parent.keyStart, parent.keyEnd] = [start, end];
      parent.merge = false;
    }
    const object = parent.value as JsonObject;
    if (!parent.merge && Object.hasOwn(object, key)) {
      const duplicate = this.at(
        parent.keyStart,
        parent.keyEnd,
        'duplicate-key',
        `duplicate mapping key \`${key}\``,
        'YAML keeps only the last value; remove or rename one of the keys.',
      );
      duplicate.pointer = joinPointer(parent.pointer, key);
      this.diagnostics.push(duplicate);
    }
    parent.key = key;
  }

  private at(start: number, end: number, code: 'yaml-syntax' | 'duplicate-key', message: string, hint?: string): Diagnostic {
    return diagnosticAtOffset(this.source, start, end, LOAD_CODES[code], hint ? { message, hint } : { message });
  }

  private put(pointer: string, keyStart: number, keyEnd: number, start: number, end: number): void {
    this.source.record(pointer, keyStart, keyEnd, start, end);
  }

  /** Adds a finished value to its parent; returns it when it is the root. */
  private attach(stack: Frame[], value: JsonValue, end: number, nodeEnd: number): JsonValue | undefined {
    const parent = stack[stack.length - 1];
    if (!parent) return value;
    if (parent.sequence) {
      (parent.value as JsonValue[]).push(value);
    } else if (parent.merge) {
      const sources = Array.isArray(value) ? value : [value];
      for (const source of sources) {
        if (source === null || typeof source !== 'object' || Array.isArray(source)) {
          throw new AbortDocument(
            this.at(parent.keyStart, parent.keyEnd, 'yaml-syntax', 'merge key `<<` needs a mapping or a list of mappings'),
          );
        }
        parent.merges.push(source);
      }
      parent.merge = false;
      parent.key = undefined;
    } else {
      (parent.value as JsonObject)[parent.key!] = value;
      parent.key = undefined;
    }
    parent.index++;
    parent.lastValueEnd = end;
    parent.lastNodeEnd = nodeEnd;
    return undefined;
  }
}

/** `<<: *base` fills only keys the mapping does not set itself; earlier sources win over later ones. */
function applyMerges(frame: Frame): void {
  const object = frame.value as JsonObject;
  for (const source of frame.merges) {
    for (const [key, value] of Object.entries(source)) if (!Object.hasOwn(object, key)) object[key] = value;
  }
}

/** How many nodes a value has (what an alias to it adds when expanded). */
function sizeOf(value: JsonValue): number {
  if (value === null || typeof value !== 'object') return 1;
  let size = 1;
  for (const child of Array.isArray(value) ? value : Object.values(value)) size += sizeOf(child ?? null);
  return size;
}

/** The index of the POP that closes the collection opened at `index`. */
function skipNode(events: readonly Event[], index: number): number {
  let depth = 0;
  for (let i = index; i < events.length; i++) {
    const type = events[i]!.type;
    if (type === EVENT_ID.SEQUENCE || type === EVENT_ID.MAPPING) depth++;
    else if (type === EVENT_ID.POP && --depth === 0) return i;
  }
  return events.length - 1;
}

/** Where a collection used as a key ends: after its last scalar (a rough end, for a key's range only). */
function collectionEnd(text: string, events: readonly Event[], index: number): number {
  let end = -1;
  for (let i = index; i <= skipNode(events, index); i++) {
    const event = events[i]!;
    if (event.type === EVENT_ID.SCALAR && event.valueEnd > end) end = event.valueEnd;
  }
  return end < 0 ? text.length : Math.min(text.length, end + 1);
}

/** A scalar's value: quoted and block scalars are strings; plain ones resolve by the YAML 1.2 core schema; a few standard tags are honoured. */
function scalarValue(text: string, event: ScalarEvent): JsonValue {
  if (event.valueStart < 0) return event.tagStart >= 0 && /^!!str$|^!$/.test(text.slice(event.tagStart, event.tagEnd)) ? '' : null;
  const raw = event.fast ? text.slice(event.valueStart, event.valueEnd) : getScalarValue(text, event);
  const tag = event.tagStart >= 0 ? text.slice(event.tagStart, event.tagEnd) : undefined;
  if (tag !== undefined) {
    if (tag === '!!int' || tag === '!!float' || tag === '!!bool' || tag === '!!null') {
      const resolved = resolvePlain(raw);
      return typeof resolved === 'string' ? raw : resolved;
    }
    // `!!str`, the non-specific `!` and tags YAML does not define: the text as it is.
    return raw;
  }
  return event.style === SCALAR_STYLE.PLAIN ? resolvePlain(raw) : raw;
}

/** First characters a non-string core-schema scalar can start with. */
const NON_STRING_START = /^[~nNtTfF0-9+\-.]/;

/**
 * The YAML 1.2 core schema, as the `yaml` package applies it, then made JSON:
 * non-finite numbers become their names.
 */
export function resolvePlain(raw: string): JsonValue {
  if (raw === '') return null;
  if (!NON_STRING_START.test(raw)) return raw;
  if (/^(?:~|[Nn]ull|NULL)$/.test(raw)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(raw)) return raw[0] === 't' || raw[0] === 'T';
  if (/^0o[0-7]+$/.test(raw)) return finite(parseInt(raw.slice(2), 8));
  if (/^[-+]?[0-9]+$/.test(raw)) return finite(parseInt(raw, 10));
  if (/^0x[0-9a-fA-F]+$/.test(raw)) return finite(parseInt(raw.slice(2), 16));
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(raw)) {
    return raw.slice(-3).toLowerCase() === 'nan' ? 'NaN' : raw[0] === '-' ? '-Infinity' : 'Infinity';
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(raw) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(raw)) {
    return finite(parseFloat(raw));
  }
  return raw;
}

function finite(value: number): JsonValue {
  return Number.isFinite(value) ? value : String(value);
}

/** A scalar's range: quotes included, a block scalar from its `|` or `>`. */
function scalarRange(text: string, event: ScalarEvent): [number, number] {
  switch (event.style) {
    case SCALAR_STYLE.SINGLE_QUOTED:
    case SCALAR_STYLE.DOUBLE_QUOTED:
      return [event.valueStart - 1, event.valueEnd + 1];
    case SCALAR_STYLE.LITERAL_BLOCK:
    case SCALAR_STYLE.FOLDED_BLOCK:
      return [blockIndicator(text, event.valueStart), event.valueEnd];
    default:
      return [event.valueStart, event.valueEnd];
  }
}

/** The offset of a block scalar's `|` or `>`, on the line before its content (the content's start if it cannot be found). */
function blockIndicator(text: string, contentStart: number): number {
  const headerEnd = text.lastIndexOf('\n', contentStart - 1);
  if (headerEnd < 0) return contentStart;
  const lineStart = text.lastIndexOf('\n', headerEnd - 1) + 1;
  const header = text.slice(lineStart, headerEnd).replace(/\s#.*$/, '');
  const match = /[|>][-+0-9]*\s*$/.exec(header);
  return match ? lineStart + match.index : contentStart;
}

/** Where an empty value sits: past the `:` that follows its key and the spaces after it. */
function afterIndicator(text: string, from: number): number {
  let i = from;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] !== ':') return from;
  for (i++; text[i] === ' ' || text[i] === '\t'; ) i++;
  return i;
}

/** Where a node's line ends: past trailing spaces, a comment and the line break, if the line ends there. */
function lineEnd(text: string, end: number): number {
  let i = end;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] === '#') {
    const nl = text.indexOf('\n', i);
    i = nl < 0 ? text.length : nl;
  }
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  if (text[i] === '\n') return i + 1;
  return i === text.length ? i : end;
}

/** Just after the bracket that closes a flow collection (past spaces, commas and comments after its last value). */
function closingBracket(text: string, frame: Frame): number {
  const close = frame.sequence ? ']' : '}';
  let i = frame.lastValueEnd;
  while (i < text.length) {
    const c = text[i];
    if (c === close) return i + 1;
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl + 1;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',') i++;
    else break;
  }
  return frame.lastValueEnd;
}
