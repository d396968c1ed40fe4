/**
 * A CSS hex colour (#rgb, #rrggbb, #rrggbbaa: what src/app/global.css uses) as one little-endian
 * RGBA pixel of ImageData viewed as a Uint32Array (0xAABBGGRR), for canvases that write pixels
 * directly. Anything else gives `fallback`.
 */
export function hexToPixel(colour: string, fallback: number): number {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(colour.trim());
  if (!m) return fallback;
  let hex = m[1]!;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  if (hex.length === 6) hex += 'ff';
  const [r, g, b, a] = [0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
    number,
  ];
  return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
}
