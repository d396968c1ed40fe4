/** Binary values: hex for the cell, and a decoded view (UTF-8 text, JSON) for the detail panel. */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** "7b 22 6f 70 …" — the first `max` bytes as hex pairs. */
export function hexPreview(bytes: Uint8Array, max: number): string {
  const n = Math.min(bytes.length, max);
  const out: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = HEX[bytes[i] ?? 0] ?? '00';
  return out.join(' ') + (bytes.length > n ? ' …' : '');
}

/** A classic hex dump: offset, 16 hex pairs, printable ASCII. */
export function hexDump(bytes: Uint8Array, maxBytes = 4096): string {
  const n = Math.min(bytes.length, maxBytes);
  const lines: string[] = [];
  for (let offset = 0; offset < n; offset += 16) {
    const end = Math.min(offset + 16, n);
    let hex = '';
    let ascii = '';
    for (let i = offset; i < offset + 16; i++) {
      if (i < end) {
        const b = bytes[i] ?? 0;
        hex += (HEX[b] ?? '00') + ' ';
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else {
        hex += '   ';
      }
    }
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex} ${ascii}`);
  }
  if (bytes.length > n) lines.push(`… ${bytes.length - n} more bytes`);
  return lines.join('\n');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface DecodedBytes {
  byteLength: number;
  /** The bytes as text when they are valid UTF-8 without control characters other than whitespace. */
  text: string | null;
  /** Pretty-printed JSON when the text parses as a JSON object or array. */
  json: string | null;
}

// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/;

export function decodeBytes(bytes: Uint8Array, maxBytes = 1 << 20): DecodedBytes {
  const result: DecodedBytes = { byteLength: bytes.length, text: null, json: null };
  if (bytes.length > maxBytes) return result;
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return result;
  }
  if (CONTROL.test(text)) return result;
  result.text = text;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      result.json = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Not JSON after all: the text view stays.
    }
  }
  return result;
}
