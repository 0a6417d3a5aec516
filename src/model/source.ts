/**
 * Source positions. The loader records, for every JSON pointer in a document,
 * the offsets of its key and value; positions are resolved to 1-based lines
 * and columns only when a diagnostic needs them.
 */
import { pointerSegment } from './json-pointer.js';

export { pointerSegment };

export interface OffsetRange {
  start: number;
  end: number;
}

export interface NodeRanges {
  /** The mapping key that introduces the node, when it has one. */
  key?: OffsetRange;
  value: OffsetRange;
}

export interface SourcePosition {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One file as read from disk, shared by the documents it contains. */
export interface SourceFile {
  /** Path relative to the working directory, with `/` separators. */
  file: string;
  absolutePath: string;
  text: string;
  lines: LineIndex;
}

/**
 * Offset → 1-based line and column. Line starts are found on first use (most
 * files never need a position), one after every `\n`, as YAML counts lines.
 */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  linePos(offset: number): { line: number; col: number } {
    const starts = (this.starts ??= lineStarts(this.text));
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! <= offset) low = mid + 1;
      else high = mid;
    }
    return { line: low, col: offset - starts[low - 1]! + 1 };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
  return starts;
}

/** Which part of a node a diagnostic should underline. */
export type Anchor = 'key' | 'value' | 'node';

/** Offsets of one node: `[keyStart, keyEnd, valueStart, valueEnd]`, key offsets -1 when the node has no key. */
export type PackedRanges = readonly [number, number, number, number];

export class SourceDocument {
  /** Pointer → its slot; the slot's four offsets are in `offsets` (one typed array per document, not an array per node). */
  private readonly slots = new Map<string, number>();
  private offsets = new Int32Array(64);

  constructor(
    readonly sourceFile: SourceFile,
    /** 0-based index of the document within its file. */
    readonly documentIndex: number,
  ) {}

  get file(): string {
    return this.sourceFile.file;
  }

  /** Records where the node at `pointer` is (the loader calls this once per node). */
  record(pointer: string, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number): void {
    let slot = this.slots.get(pointer);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(pointer, slot);
      if ((slot + 1) * 4 > this.offsets.length) {
        const grown = new Int32Array(this.offsets.length * 2);
        grown.set(this.offsets);
        this.offsets = grown;
      }
    }
    const at = slot * 4;
    this.offsets[at] = keyStart;
    this.offsets[at + 1] = keyEnd;
    this.offsets[at + 2] = valueStart;
    this.offsets[at + 3] = valueEnd;
  }

  /** The key and value offsets of the node at `pointer`, if it exists. */
  ranges(pointer: string): NodeRanges | undefined {
    const slot = this.slots.get(pointer);
    if (slot === undefined) return undefined;
    const at = slot * 4;
    const keyStart = this.offsets[at]!;
    const keyEnd = this.offsets[at + 1]!;
    const start = this.offsets[at + 2]!;
    const end = this.offsets[at + 3]!;
    return keyStart < 0 ? { value: { start, end } } : { key: { start: keyStart, end: keyEnd }, value: { start, end } };
  }

  /** Every pointer with its ranges, in document order. */
  *entries(): IterableIterator<[string, NodeRanges]> {
    for (const pointer of this.slots.keys()) yield [pointer, this.ranges(pointer)!];
  }

  /**
   * The position of the node at `pointer`; falls back to the closest
   * ancestor that exists (a missing key points at its parent).
   */
  position(pointer: string, anchor: Anchor = 'value'): SourcePosition {
    let current = pointer;
    for (;;) {
      const ranges = this.ranges(current);
      if (ranges) return this.toPosition(pickRange(ranges, anchor));
      if (current === '') return this.toPosition({ start: 0, end: 0 });
      current = current.slice(0, current.lastIndexOf('/'));
    }
  }

  /** True when the exact pointer exists in the document. */
  has(pointer: string): boolean {
    return this.slots.has(pointer);
  }

  private toPosition(range: OffsetRange): SourcePosition {
    const start = this.sourceFile.lines.linePos(range.start);
    const end = this.sourceFile.lines.linePos(Math.max(range.start, range.end));
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  }
}

function pickRange(ranges: NodeRanges, anchor: Anchor): OffsetRange {
  if (anchor === 'key' && ranges.key) return ranges.key;
  if (anchor === 'node' && ranges.key) return { start: ranges.key.start, end: ranges.value.end };
  return ranges.value;
}

export function joinPointer(base: string, ...segments: Array<string | number>): string {
  let out = base;
  for (const segment of segments) out += `/${pointerSegment(segment)}`;
  return out;
}
