/**
 * The events of a plain YAML file, as js-yaml's `parseEvents` makes them, from
 * a scanner that knows only what templates are made of: block mappings and
 * sequences, one-line scalars (plain, single- or double-quoted), one-line flow
 * collections of scalars, comments and `---` separators. Anything else (block
 * scalars, multi-line scalars, anchors, tags, aliases, directives, complex
 * keys, tabs in indentation, syntax errors) makes it give up and return
 * undefined, and js-yaml reads the file. It is several times faster than
 * js-yaml on what it knows, because it knows so little; a test holds its
 * events equal to js-yaml's, event for event, on every template we have.
 */
import { COLLECTION_STYLE, EVENT_ID, SCALAR_STYLE, type Event } from 'js-yaml';

const NONE = -1;
const CLIP = 1;

/** Thrown inside the scanner when the file is not one it reads. */
class NotPlain extends Error {}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const COMMA = 0x2c;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const BACKSLASH = 0x5c;
const OPEN_SQUARE = 0x5b;
const CLOSE_SQUARE = 0x5d;
const OPEN_CURLY = 0x7b;
const CLOSE_CURLY = 0x7d;

const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/** Characters a plain scalar cannot start with (the YAML indicators), unless noted in `plainStart`. */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

export function scanPlainEvents(text: string, maxDepth: number): Event[] | undefined {
  try {
    return new PlainScanner(text, maxDepth).file();
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
}

class PlainScanner {
  private readonly events: Event[] = [];
  private pos = 0;
  private depth = 0;
  private readonly end: number;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    this.end = text.length;
    // A byte-order mark, a carriage return that is not part of CRLF (YAML reads it as a line break, even in a
    // comment), or a character YAML does not allow in a stream (js-yaml's own test).
    if (text.charCodeAt(0) === 0xfeff || (text.includes('\r') && /\r(?!\n)/.test(text)) || NON_PRINTABLE.test(text)) throw new NotPlain();
  }

  file(): Event[] {
    let first = true;
    for (;;) {
      const indent = this.nextContentLine();
      if (indent === NONE) break;
      let explicitStart = false;
      if (indent === 0 && this.isDocumentMarker()) {
        explicitStart = true;
        this.pos += 3;
        this.restOfLineIsEmpty();
      } else if (!first) {
        throw new NotPlain(); // only `---` separates documents
      }
      first = false;
      const contentIndent = this.nextContentLine();
      if (contentIndent === NONE || (contentIndent === 0 && this.isDocumentMarker())) throw new NotPlain(); // an empty document
      this.events.push({ type: EVENT_ID.DOCUMENT, explicitStart, explicitEnd: false, directives: [] } as unknown as Event);
      this.blockNode(contentIndent);
      const after = this.nextContentLine();
      if (after !== NONE && !(after === 0 && this.isDocumentMarker())) throw new NotPlain();
      this.events.push({ type: EVENT_ID.POP } as Event);
    }
    if (first) throw new NotPlain();
    return this.events;
  }

  /** A node starting at `this.pos`, in column `column`. */
  private blockNode(column: number): void {
    if (++this.depth >= this.maxDepth) throw new NotPlain();
    if (this.atSequenceEntry()) this.blockSequence(column);
    else if (this.keyAhead()) this.blockMapping(column);
    else {
      this.inlineValue();
      this.restOfLineIsEmpty();
    }
    this.depth--;
  }

  private blockSequence(column: number): void {
    this.events.push(collectionEvent(EVENT_ID.SEQUENCE, this.pos, COLLECTION_STYLE.BLOCK));
    for (;;) {
      // At a `-` in `column`.
      this.pos++;
      this.skipSpaces();
      if (this.atLineEnd()) {
        if (!this.valueOnNextLines(column, false)) throw new NotPlain(); // an empty item
      } else {
        this.blockNode(this.column(this.pos));
      }
      const indent = this.nextContentLine();
      if (indent === column && this.atSequenceEntry()) continue;
      if (indent > column) throw new NotPlain();
      break;
    }
    this.events.push({ type: EVENT_ID.POP } as Event);
  }

  private blockMapping(column: number): void {
    this.events.push(collectionEvent(EVENT_ID.MAPPING, this.pos, COLLECTION_STYLE.BLOCK));
    for (;;) {
      // At a key in `column`.
      this.scalar(false, true);
      this.skipSpaces();
      if (this.text.charCodeAt(this.pos) !== COLON) throw new NotPlain();
      this.pos++;
      this.skipSpaces();
      if (this.atLineEnd()) {
        // A block sequence may sit at its key's indentation.
        if (!this.valueOnNextLines(column, true)) this.events.push(emptyScalar());
      } else {
        if (this.atSequenceEntry()) throw new NotPlain();
        this.inlineValue();
        this.restOfLineIsEmpty();
      }
      const indent = this.nextContentLine();
      if (indent === column && !this.isDocumentMarker()) {
        if (!this.keyAhead()) throw new NotPlain();
        continue;
      }
      if (indent > column) throw new NotPlain();
      break;
    }
    this.events.push({ type: EVENT_ID.POP } as Event);
  }

  /**
   * The value of an entry whose line ends after its indicator: the node on the
   * next lines when it is indented deeper than `column` (or, with
   * `sequenceAtColumn`, a block sequence in `column` itself). False when there is none.
   */
  private valueOnNextLines(column: number, sequenceAtColumn: boolean): boolean {
    this.restOfLineIsEmpty();
    const indent = this.nextContentLine();
    if (indent <= column && !(sequenceAtColumn && indent === column && this.atSequenceEntry())) return false;
    this.blockNode(indent);
    return true;
  }

  /** A `-` entry of a block sequence here (not a `---` separator). */
  private atSequenceEntry(): boolean {
    return this.text.charCodeAt(this.pos) === DASH && this.isBlank(this.pos + 1);
  }

  /** A value on the rest of a line: a scalar or a one-line flow collection. */
  private inlineValue(): void {
    if (++this.depth >= this.maxDepth) throw new NotPlain();
    const c = this.text.charCodeAt(this.pos);
    if (c === OPEN_SQUARE || c === OPEN_CURLY) this.flowCollection();
    else this.scalar(false, false);
    this.depth--;
  }

  /** `[a, "b"]`, `{a: 1}`, `[]` or `{}`, on one line, holding scalars only. */
  private flowCollection(): void {
    const text = this.text;
    const sequence = text.charCodeAt(this.pos) === OPEN_SQUARE;
    const close = sequence ? CLOSE_SQUARE : CLOSE_CURLY;
    // js-yaml's rules for tabs inside flow collections are its own: leave those lines to it.
    const lineEnd = text.indexOf('\n', this.pos);
    if (text.slice(this.pos, lineEnd === -1 ? this.end : lineEnd).includes('\t')) throw new NotPlain();
    this.events.push(collectionEvent(sequence ? EVENT_ID.SEQUENCE : EVENT_ID.MAPPING, this.pos, COLLECTION_STYLE.FLOW));
    this.pos++;
    this.skipSpaces();
    if (text.charCodeAt(this.pos) !== close) {
      for (;;) {
        const c = text.charCodeAt(this.pos);
        if (c === OPEN_SQUARE || c === OPEN_CURLY || c === close || c === COMMA) throw new NotPlain();
        this.scalar(true, !sequence);
        this.skipSpaces();
        if (!sequence) {
          if (text.charCodeAt(this.pos) !== COLON) throw new NotPlain();
          this.pos++;
          if (!this.isBlank(this.pos)) throw new NotPlain();
          this.skipSpaces();
          const v = text.charCodeAt(this.pos);
          if (v === OPEN_SQUARE || v === OPEN_CURLY || v === close || v === COMMA) throw new NotPlain();
          this.scalar(true, false);
          this.skipSpaces();
        }
        const after = text.charCodeAt(this.pos);
        if (after === close) break;
        if (after !== COMMA) throw new NotPlain();
        this.pos++;
        this.skipSpaces();
        if (text.charCodeAt(this.pos) === close) throw new NotPlain(); // a trailing comma
      }
    }
    this.pos++;
    this.events.push({ type: EVENT_ID.POP } as Event);
  }

  /** A one-line scalar at `this.pos`; a key stops before its `:`. */
  private scalar(flow: boolean, key: boolean): void {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === DQUOTE || c === SQUOTE) {
      const closing = this.closingQuote(start);
      if (!closing) throw new NotPlain(); // a multi-line quoted scalar
      this.events.push(scalarEvent(start + 1, closing.at, c === DQUOTE ? SCALAR_STYLE.DOUBLE_QUOTED : SCALAR_STYLE.SINGLE_QUOTED, !closing.escapes));
      this.pos = closing.at + 1;
      const after = text.charCodeAt(this.pos);
      // What may follow a closing quote: spaces, the line end, a `:` (keys) or a flow separator.
      if (!(this.isBlank(this.pos) || (key && after === COLON) || (flow && (after === COMMA || after === CLOSE_SQUARE || after === CLOSE_CURLY)))) throw new NotPlain();
      return;
    }
    if (!this.plainStart(start, flow)) throw new NotPlain();
    let i = start;
    let last = start; // just past the last non-space character
    for (; i < this.end; i++) {
      const d = text.charCodeAt(i);
      if (d === LF || d === CR) break;
      if (d === COLON && (this.isBlank(i + 1) || (flow && isFlowIndicator(text.charCodeAt(i + 1))))) break;
      if (d === HASH && (text.charCodeAt(i - 1) === SPACE || text.charCodeAt(i - 1) === TAB)) break;
      if (flow && isFlowIndicator(d)) break;
      if (d !== SPACE && d !== TAB) last = i + 1;
    }
    if (!key && !flow && text.charCodeAt(i) === COLON) throw new NotPlain(); // `a: b: c`
    this.events.push(scalarEvent(start, last, SCALAR_STYLE.PLAIN, true));
    this.pos = last;
  }

  /** The quote that closes the one at `open` on the same line, and whether escapes (`\x`, `''`) come before it. */
  private closingQuote(open: number): { at: number; escapes: boolean } | undefined {
    const text = this.text;
    const quote = text.charCodeAt(open);
    let escapes = false;
    for (let i = open + 1; i < this.end; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) return undefined;
      if (quote === DQUOTE && c === BACKSLASH) {
        escapes = true;
        i++; // the escaped character; an escaped line break would continue the scalar on the next line
        const escaped = text.charCodeAt(i);
        if (escaped === LF || escaped === CR) return undefined;
      } else if (c === quote) {
        if (quote !== SQUOTE || text.charCodeAt(i + 1) !== SQUOTE) return { at: i, escapes };
        escapes = true;
        i++;
      }
    }
    return undefined;
  }

  /** Whether a plain scalar may start at `i` (`-`, `?` and `:` may, when a non-space follows). */
  private plainStart(i: number, flow: boolean): boolean {
    const c = this.text.charCodeAt(i);
    if (i >= this.end || c === SPACE || c === TAB || c === LF || c === CR) return false;
    if (!INDICATORS.has(c)) return true;
    if (c === DASH || c === COLON || c === 0x3f) {
      const next = this.text.charCodeAt(i + 1);
      return !this.isBlank(i + 1) && !(flow && isFlowIndicator(next));
    }
    return false;
  }

  /** Whether the line at `this.pos` starts with a mapping key: a one-line scalar followed by `:` and a blank. */
  private keyAhead(): boolean {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    let i: number;
    if (c === DQUOTE || c === SQUOTE) {
      const closing = this.closingQuote(this.pos);
      if (!closing) return false;
      i = closing.at + 1;
      while (text.charCodeAt(i) === SPACE) i++;
      return text.charCodeAt(i) === COLON && this.isBlank(i + 1);
    }
    if (!this.plainStart(this.pos, false)) return false;
    for (i = this.pos; i < this.end; i++) {
      const d = text.charCodeAt(i);
      if (d === LF || d === CR) return false;
      if (d === COLON && this.isBlank(i + 1)) return true;
      if (d === HASH && (text.charCodeAt(i - 1) === SPACE || text.charCodeAt(i - 1) === TAB)) return false;
    }
    return false;
  }

  /** Space, tab, line break or the end of the text at `i`. */
  private isBlank(i: number): boolean {
    if (i >= this.end) return true;
    const c = this.text.charCodeAt(i);
    return c === SPACE || c === TAB || c === LF || c === CR;
  }

  private isDocumentMarker(): boolean {
    const { text, pos } = this;
    return text.charCodeAt(pos) === DASH && text.charCodeAt(pos + 1) === DASH && text.charCodeAt(pos + 2) === DASH && this.isBlank(pos + 3);
  }

  private skipSpaces(): void {
    while (this.text.charCodeAt(this.pos) === SPACE || this.text.charCodeAt(this.pos) === TAB) this.pos++;
  }

  private atLineEnd(): boolean {
    const c = this.text.charCodeAt(this.pos);
    return this.pos >= this.end || c === LF || c === CR || c === HASH;
  }

  /** After a node: only spaces and a comment may follow on its line. */
  private restOfLineIsEmpty(): void {
    this.skipSpaces();
    const text = this.text;
    if (this.pos >= this.end) return;
    const c = text.charCodeAt(this.pos);
    if (c === HASH) {
      if (!this.isBlank(this.pos - 1)) throw new NotPlain();
      const nl = text.indexOf('\n', this.pos);
      this.pos = nl < 0 ? this.end : nl;
      if (text.charCodeAt(this.pos - 1) === CR) this.pos--;
      return;
    }
    if (c !== LF && c !== CR) throw new NotPlain();
  }

  /**
   * Moves to the first character of the next line with content (past blank
   * and comment-only lines); its indentation, or NONE at the end of the text.
   * Starts anywhere from a line end; stays put when already at content.
   */
  private nextContentLine(): number {
    const text = this.text;
    let i = this.pos;
    // From within a line (a line end or a comment ahead): to the next line start.
    for (;;) {
      if (i >= this.end) {
        this.pos = this.end;
        return NONE;
      }
      const lineStart = i === 0 || text.charCodeAt(i - 1) === LF ? i : NONE;
      if (lineStart === NONE) {
        // Only a line end (or a comment, for the first call after a node) can be here.
        const c = text.charCodeAt(i);
        if (c === CR) {
          if (text.charCodeAt(i + 1) !== LF) throw new NotPlain();
          i += 2;
        } else if (c === LF) i++;
        else if (c === SPACE || c === TAB) i++;
        else if (c === HASH) {
          const nl = text.indexOf('\n', i);
          i = nl < 0 ? this.end : nl + 1;
        } else {
          // Content on the current line: the caller is at a node, in mid-line.
          this.pos = i;
          return this.column(i);
        }
        continue;
      }
      let j = i;
      while (text.charCodeAt(j) === SPACE) j++;
      const c = text.charCodeAt(j);
      if (c === TAB) throw new NotPlain();
      if (j >= this.end) {
        this.pos = this.end;
        return NONE;
      }
      if (c === LF) {
        i = j + 1;
        continue;
      }
      if (c === CR) {
        if (text.charCodeAt(j + 1) !== LF) throw new NotPlain();
        i = j + 2;
        continue;
      }
      if (c === HASH) {
        const nl = text.indexOf('\n', j);
        i = nl < 0 ? this.end : nl + 1;
        continue;
      }
      // Content. Directives, document ends and reserved indicators at a line start are left to js-yaml.
      if (j === i && (c === 0x25 || (c === 0x2e && text.startsWith('...', j) && this.isBlank(j + 3)))) throw new NotPlain();
      this.pos = j;
      return j - i;
    }
  }

  private column(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === OPEN_SQUARE || c === CLOSE_SQUARE || c === OPEN_CURLY || c === CLOSE_CURLY;
}

function collectionEvent(type: number, start: number, style: number): Event {
  return { type, start, anchorStart: NONE, anchorEnd: NONE, tagStart: NONE, tagEnd: NONE, style } as unknown as Event;
}

function scalarEvent(valueStart: number, valueEnd: number, style: number, fast: boolean): Event {
  return { type: EVENT_ID.SCALAR, valueStart, valueEnd, anchorStart: NONE, anchorEnd: NONE, tagStart: NONE, tagEnd: NONE, style, chomping: CLIP, indent: NONE, fast } as unknown as Event;
}

function emptyScalar(): Event {
  return scalarEvent(NONE, NONE, SCALAR_STYLE.PLAIN, false);
}
