/**
 * The loader's fast path: a flat list of parse events with source offsets (no
 * syntax tree), from the plain scanner or else js-yaml's event parser, turned
 * straight into JSON and ranges.
 *
 * It takes only plain documents, which is what templates are: mappings,
 * sequences and scalars, without anchors, aliases, tags, directives, merge
 * keys, duplicate keys or empty keys. For anything else, and for every syntax
 * error, it returns undefined and the full parser in parse.ts takes the file
 * and reports what is wrong. So this path never judges a file; it only reads
 * plain ones, about three times faster. It resolves scalars by the YAML 1.2
 * core schema and records the same ranges as the full parser; a test holds the
 * two paths equal on every template we have.
 */
import { COLLECTION_STYLE, EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents, type Event, type ScalarEvent } from 'js-yaml';
import type { JsonObject, JsonValue } from './model.js';
import { jsonObject } from '../model/json.js';
import { scanPlainEvents } from './plain-scanner.js';
import type { ParseLimits, ParsedDocument } from './parse.js';
import { SCHEMA_ROOT, SourceDocument, joinPointer, type SourceFile } from './source.js';

/** Parses a whole file; undefined when it needs the full parser. */
export function parseFast(sourceFile: SourceFile, limits: ParseLimits): ParsedDocument[] | undefined {
  const events = eventsOf(sourceFile.text, limits);
  if (!events) return undefined;
  const documents: ParsedDocument[] = [];
  const reader = new EventReader(sourceFile.text, events, limits);
  for (let start = 0; start < events.length; ) {
    const source = new SourceDocument(sourceFile, documents.length);
    const read = reader.document(start, source, true);
    if (!read) return undefined;
    if (!read.empty) documents.push({ source, value: read.value });
    start = read.next;
  }
  // A file with no template in it gets its diagnostic from the full parser.
  return documents.length > 0 ? documents : undefined;
}

/**
 * Records the ranges inside a document's schema subtrees, which the first read
 * skipped (see SourceDocument.deferSubtree). False when the file is not one
 * the fast path reads.
 */
function fillSchemaRangesFast(source: SourceDocument, limits: ParseLimits): boolean {
  const { text } = source.sourceFile;
  const events = eventsOf(text, limits);
  if (!events) return false;
  const reader = new EventReader(text, events, limits);
  let index = 0;
  for (let start = 0; start < events.length; ) {
    const read = reader.document(start, source, false, index === source.documentIndex);
    if (!read) return false;
    if (!read.empty && index++ === source.documentIndex) return true;
    start = read.next;
  }
  return false;
}

/** The file's events: from the plain scanner when it reads the file, from js-yaml otherwise. */
function eventsOf(text: string, limits: ParseLimits): Event[] | undefined {
  const plain = scanPlainEvents(text, limits.maxDepth);
  if (plain) return plain;
  try {
    return parseEvents(text, { maxDepth: limits.maxDepth });
  } catch {
    return undefined;
  }
}

/** Thrown inside a read when the document needs the full parser. */
class NeedsFullParser extends Error {}

interface Frame {
  placed: Placed;
  start: number;
  sequence: boolean;
  flow: boolean;
  value: JsonObject | JsonValue[];
  pointer: string;
  /** Whether the children's ranges are recorded now (false inside a deferred schema). */
  recordChildren: boolean;
  /** The key of the value that comes next (mappings), and its offsets. */
  key: string | undefined;
  keyStart: number;
  keyEnd: number;
  index: number;
  /** Where the last child's value ends, and where the node ends (trailing comment and line break included). */
  lastValueEnd: number;
  lastNodeEnd: number;
}

interface Placed {
  pointer: string;
  keyStart: number;
  keyEnd: number;
  record: boolean;
  /** A schema root whose inside is recorded later (see SourceDocument.deferSubtree). */
  deferred: boolean;
}

const UNRECORDED: Placed = { pointer: '', keyStart: -1, keyEnd: -1, record: false, deferred: false };

class EventReader {
  private source!: SourceDocument;
  private record = true;

  constructor(
    private readonly text: string,
    private readonly events: Event[],
    private readonly limits: ParseLimits,
  ) {}

  /**
   * Reads the document whose DOCUMENT event is at `start`.
   * @param defer skip the ranges inside schemas and register them as deferred
   * @param record false reads without recording anything (to skip a document)
   */
  document(start: number, source: SourceDocument, defer: boolean, record = true): { value: JsonValue; empty: boolean; next: number } | undefined {
    const head = this.events[start];
    if (head?.type !== EVENT_ID.DOCUMENT || head.directives.length > 0) return undefined;
    this.source = source;
    this.record = record;
    try {
      return this.read(start + 1, defer);
    } catch (error) {
      if (error instanceof NeedsFullParser) return undefined;
      throw error;
    }
  }

  private read(start: number, defer: boolean): { value: JsonValue; empty: boolean; next: number } {
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
        const end = frame.flow ? closingBracket(text, frame) : frame.lastNodeEnd;
        if (end < 0 || (!frame.flow && frame.index === 0)) throw new NeedsFullParser();
        if (frame.placed.record) this.put(frame.placed, frame.start, end);
        const nodeEnd = frame.flow ? lineEnd(text, end) : trailingCommentsEnd(text, end, columnOf(text, frame.start));
        const outer = stack[stack.length - 1];
        if (frame.flow && outer && !outer.flow) refuseDeeperComments(text, nodeEnd, columnOf(text, outer.start));
        root = this.attach(stack, frame.value, end, nodeEnd) ?? root;
        continue;
      }
      if (event.type === EVENT_ID.DOCUMENT || event.type === EVENT_ID.ALIAS) throw new NeedsFullParser();
      if (event.anchorStart >= 0 || event.tagStart >= 0) throw new NeedsFullParser();
      const parent = stack[stack.length - 1];

      if (parent && !parent.sequence && parent.key === undefined) {
        // A mapping key: a non-empty scalar, new in its mapping, not a merge.
        if (event.type !== EVENT_ID.SCALAR || event.valueStart < 0) throw new NeedsFullParser();
        const value = scalarValue(text, event);
        const key = value === null ? '' : String(value);
        const object = parent.value as JsonObject;
        if (Object.hasOwn(object, key) || (key === '<<' && event.style === SCALAR_STYLE.PLAIN)) throw new NeedsFullParser();
        parent.key = key;
        [parent.keyStart, parent.keyEnd] = scalarRange(text, event);
        continue;
      }

      if (stack.length > this.limits.maxDepth) throw new NeedsFullParser();
      const placed = this.place(parent, stack.length, defer);
      if (event.type === EVENT_ID.SCALAR) {
        let start: number;
        let end: number;
        if (event.valueStart < 0) {
          if (!parent) {
            empty = true; // an empty document: `---` alone, or only comments
            root = null;
            continue;
          }
          if (parent.sequence || parent.flow) throw new NeedsFullParser();
          start = end = afterIndicator(text, parent.keyEnd, ':');
        } else {
          [start, end] = scalarRange(text, event);
        }
        if (placed.record) this.put(placed, start, end);
        const isBlock = event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK;
        const nodeEnd = isBlock || event.valueStart < 0 ? end : lineEnd(text, end);
        if (!isBlock && parent && !parent.flow) refuseDeeperComments(text, nodeEnd, columnOf(text, parent.start));
        root = this.attach(stack, scalarValue(text, event), end, nodeEnd) ?? root;
        continue;
      }
      // SEQUENCE or MAPPING: recorded at its start (to keep pre-order), completed at its POP.
      const sequence = event.type === EVENT_ID.SEQUENCE;
      if (placed.record) this.put(placed, event.start, -1);
      stack.push({
        placed,
        start: event.start,
        sequence,
        flow: event.style === COLLECTION_STYLE.FLOW,
        value: sequence ? [] : jsonObject(),
        pointer: placed.pointer,
        recordChildren: placed.record && !placed.deferred,
        key: undefined,
        keyStart: -1,
        keyEnd: -1,
        index: 0,
        lastValueEnd: event.start + 1,
        lastNodeEnd: -1,
      });
    }
    if (stack.length > 0 || root === undefined) throw new NeedsFullParser();
    return { value: root, empty, next: i + 1 };
  }

  /** Where the next value goes: its pointer, key offsets, whether to record it, and whether its inside is deferred. */
  private place(parent: Frame | undefined, depth: number, defer: boolean): Placed {
    if (!parent) return { pointer: '', keyStart: -1, keyEnd: -1, record: this.record, deferred: false };
    const record = this.record && parent.recordChildren;
    // Inside a deferred schema nothing is recorded, so no pointer is needed: most nodes are there.
    if (!record) return UNRECORDED;
    if (parent.sequence) return { pointer: joinPointer(parent.pointer, parent.index), keyStart: -1, keyEnd: -1, record, deferred: false };
    const pointer = joinPointer(parent.pointer, parent.key!);
    const deferred = defer && depth <= 5 && SCHEMA_ROOT.test(pointer);
    if (deferred) {
      const source = this.source;
      const limits = this.limits;
      source.deferSubtree(pointer, () => fillSchemaRangesFast(source, limits));
    }
    return { pointer, keyStart: parent.keyStart, keyEnd: parent.keyEnd, record, deferred };
  }

  private put(placed: Placed, start: number, end: number): void {
    this.source.record(placed.pointer, placed.keyStart, placed.keyEnd, start, end);
  }

  /** Adds a finished value to its parent; returns it when it is the root. */
  private attach(stack: Frame[], value: JsonValue, end: number, nodeEnd: number): JsonValue | undefined {
    const parent = stack[stack.length - 1];
    if (!parent) return value;
    if (parent.sequence) {
      (parent.value as JsonValue[]).push(value);
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

/** A scalar's value: quoted and block scalars are strings; plain ones resolve by the YAML 1.2 core schema. */
function scalarValue(text: string, event: ScalarEvent): JsonValue {
  if (event.valueStart < 0) return null;
  const raw = event.fast ? text.slice(event.valueStart, event.valueEnd) : getScalarValue(text, event);
  return event.style === SCALAR_STYLE.PLAIN ? resolvePlain(raw) : raw;
}

/** First characters a non-string core-schema scalar can start with. */
const NON_STRING_START = /^[~nNtTfF0-9+\-.]/;

/**
 * The YAML 1.2 core schema, tag for tag as the `yaml` package applies it (its
 * tests and their order), then made JSON as the full parser makes it:
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

/** A scalar's range as the full parser gives it: quotes included, a block scalar from its `|` or `>`. */
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

/** The offset of a block scalar's `|` or `>`, on the line before its content. */
function blockIndicator(text: string, contentStart: number): number {
  const headerEnd = contentStart - 1;
  if (text[headerEnd] !== '\n') throw new NeedsFullParser();
  const lineStart = text.lastIndexOf('\n', headerEnd - 1) + 1;
  const header = text.slice(lineStart, headerEnd).replace(/\s#.*$/, '');
  const match = /[|>][-+0-9]*\s*$/.exec(header);
  if (!match) throw new NeedsFullParser();
  return lineStart + match.index;
}

/** Where an empty value sits: past the indicator (`:`) that follows `from` and the spaces after it. */
function afterIndicator(text: string, from: number, indicator: string): number {
  let i = from;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] !== indicator) throw new NeedsFullParser();
  // The full parser puts an empty value after the spaces that follow the indicator.
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

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/**
 * Where a block collection ends as a node. Like the full parser, it keeps the
 * comment lines (and blank lines among them) that follow its last item when
 * they are indented at least as deep as it is, up to the next token; comments
 * indented less belong to an enclosing collection, and a top-level one keeps none.
 */
function trailingCommentsEnd(text: string, valueEnd: number, indent: number): number {
  if (indent === 0) return valueEnd;
  let deep = false;
  let shallow = false;
  let i = valueEnd;
  for (;;) {
    let j = i;
    while (text[j] === ' ') j++;
    const c = text[j];
    if (c === '#') {
      if (j - i >= indent) deep = true;
      else shallow = true;
      const nl = text.indexOf('\n', j);
      i = nl < 0 ? text.length : nl + 1;
    } else if (c === '\n') {
      i = j + 1;
    } else if (c === '\r' && text[j + 1] === '\n') {
      i = j + 2;
    } else if (c === '\t') {
      throw new NeedsFullParser();
    } else {
      i = j;
      break;
    }
  }
  if (!deep) return valueEnd;
  if (shallow) throw new NeedsFullParser();
  return i;
}

/**
 * Comment lines after a value, indented deeper than its block collection, are
 * part of the value in the full parser; rare enough to leave to it.
 */
function refuseDeeperComments(text: string, from: number, indent: number): void {
  for (let i = from; ; ) {
    let j = i;
    while (text[j] === ' ') j++;
    const c = text[j];
    if (c === '#') {
      if (j - i > indent) throw new NeedsFullParser();
      const nl = text.indexOf('\n', j);
      if (nl < 0) return;
      i = nl + 1;
    } else if (c === '\n') {
      i = j + 1;
    } else if (c === '\r' && text[j + 1] === '\n') {
      i = j + 2;
    } else {
      return;
    }
  }
}

/** Just after the bracket that closes a flow collection, or -1 when it is not where expected. */
function closingBracket(text: string, frame: Frame): number {
  const close = frame.sequence ? ']' : '}';
  let i = frame.lastValueEnd;
  while (i < text.length) {
    const c = text[i];
    if (c === close) return i + 1;
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return -1;
      i = nl + 1;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',') {
      i++;
    } else {
      return -1;
    }
  }
  return -1;
}
