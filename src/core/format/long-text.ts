/**
 * Long values are never laid out whole: the browser's text layout of a 1 MB string froze the tab
 * for over a minute (issue 10). A view shows the first MAX_INLINE_CHARS; "Show all" pages through
 * display lines (lineStarts) in a virtualized list, so only the lines on screen are laid out.
 */

/** Characters laid out inline before "Show all". */
export const MAX_INLINE_CHARS = 4096;
/** A run of this many characters without a space is a token (hash, base64, repeated letters). */
export const LONG_RUN_CHARS = 80;
/** Width of a display line in the full viewer, in characters, for text without line breaks. */
export const VIEWER_LINE_CHARS = 120;

export interface TextPreview {
  /** What to lay out. */
  shown: string;
  /** Characters (UTF-16 units) left out. */
  hidden: number;
}

/** The first `max` characters, never splitting a surrogate pair. */
export function previewText(text: string, max = MAX_INLINE_CHARS): TextPreview {
  if (text.length <= max) return { shown: text, hidden: 0 };
  let n = max;
  const last = text.charCodeAt(n - 1);
  if (last >= 0xd800 && last <= 0xdbff) n--;
  return { shown: text.slice(0, n), hidden: text.length - n };
}

/** True when `text` has a run of LONG_RUN_CHARS or more non-space characters (wrap it anywhere). */
export function hasLongRun(text: string, run = LONG_RUN_CHARS): boolean {
  let current = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) current = 0;
    else if (++current >= run) return true;
  }
  return false;
}

/**
 * Start offsets of the display lines of `text`: a new line after each '\n', and every `width`
 * characters inside a longer line (never inside a surrogate pair). One pass, no copies.
 */
export function lineStarts(text: string, width = VIEWER_LINE_CHARS): Uint32Array {
  const starts: number[] = [0];
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      lineStart = i + 1;
      if (lineStart < text.length) starts.push(lineStart);
    } else if (i - lineStart + 1 > width) {
      const c = text.charCodeAt(i);
      const at = c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
      lineStart = at;
      starts.push(at);
    }
  }
  return Uint32Array.from(starts);
}

/** The text of display line `i` (without its '\n'). */
export function lineAt(text: string, starts: Uint32Array, i: number): string {
  const start = starts[i] ?? text.length;
  const end = i + 1 < starts.length ? (starts[i + 1] ?? text.length) : text.length;
  return text.slice(start, end).replace(/\n$/, '');
}
