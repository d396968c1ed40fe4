/**
 * PNG and SVG export of the whole graph (not only the part on screen: the view culls what is off
 * screen, so serializing the live <svg> would drop most of a big plan). The SVG is built from the
 * same layout and colours as the view; every piece of text goes through escapeXml.
 */
import type { PlanGraph } from '../../core/plan/types';
import type { NodeColours } from './dag-colour';
import { arrowPathData, edgePathData, NODE_H, NODE_W, truncate, type NodeText } from './dag-geometry';

export interface ExportInput {
  readonly graph: PlanGraph;
  readonly visibleNodes: Int32Array;
  readonly hiddenCount: Int32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly width: number;
  readonly height: number;
  readonly edgeOffsets: Int32Array;
  readonly edgePoints: Float64Array;
  readonly colours: NodeColours;
  readonly text: (nodeIndex: number) => NodeText;
  readonly title: string;
}

const PAD = 16;

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;',
  );
}

export function buildSvg(input: ExportInput): string {
  const w = Math.ceil(input.width + 2 * PAD);
  const h = Math.ceil(input.height + 2 * PAD);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="system-ui, sans-serif">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<rect width="${w}" height="${h}" fill="#ffffff"/>`,
    `<g transform="translate(${PAD} ${PAD})">`,
  );
  const edgeCount = input.edgeOffsets.length - 1;
  let edges = '';
  let arrows = '';
  for (let k = 0; k < edgeCount; k++) {
    edges += edgePathData(input.edgeOffsets, input.edgePoints, k);
    arrows += arrowPathData(input.edgeOffsets, input.edgePoints, k);
  }
  out.push(
    `<path d="${edges}" fill="none" stroke="#98a2b3" stroke-width="1.2"/>`,
    `<path d="${arrows}" fill="#98a2b3"/>`,
  );
  for (let s = 0; s < input.visibleNodes.length; s++) {
    const i = input.visibleNodes[s]!;
    const bin = input.colours.bin[i]!;
    const t = input.text(i);
    const ink = input.colours.ink[bin] ?? '#1d2330';
    const hidden = input.hiddenCount[s]!;
    out.push(
      `<g transform="translate(${input.x[s]!} ${input.y[s]!})">`,
      `<rect width="${NODE_W}" height="${NODE_H}" rx="6" fill="${input.colours.palette[bin]}" stroke="#667085"/>`,
      `<text x="8" y="17" font-size="12" font-weight="600" fill="${ink}">${escapeXml(truncate(t.title, 24))}</text>`,
      `<text x="8" y="33" font-size="11" fill="${ink}">${escapeXml(truncate(t.idLine, 28))}</text>`,
      `<text x="8" y="49" font-size="11" fill="${ink}">${escapeXml(truncate(t.subtitle, 28))}</text>`,
      hidden > 0
        ? `<text x="${NODE_W - 8}" y="17" font-size="11" text-anchor="end" fill="${ink}">+${hidden}</text>`
        : '',
      `</g>`,
    );
  }
  out.push('</g></svg>');
  return out.join('');
}

/** Largest side of the exported PNG; browsers refuse canvases much beyond 16k pixels a side. */
const MAX_PNG_SIDE = 8192;

export function drawPng(input: ExportInput): HTMLCanvasElement {
  const w = input.width + 2 * PAD;
  const h = input.height + 2 * PAD;
  const scale = Math.min(2, MAX_PNG_SIDE / w, MAX_PNG_SIDE / h);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(w * scale));
  canvas.height = Math.max(1, Math.round(h * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot create a 2-D canvas for the PNG export.');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  ctx.translate(PAD, PAD);
  ctx.strokeStyle = '#98a2b3';
  ctx.lineWidth = Math.max(1.2, 1 / scale);
  const edgeCount = input.edgeOffsets.length - 1;
  ctx.beginPath();
  for (let k = 0; k < edgeCount; k++) {
    const a = input.edgeOffsets[k]!;
    const b = input.edgeOffsets[k + 1]!;
    for (let p = a; p < b; p++) {
      const px = input.edgePoints[2 * p]!;
      const py = input.edgePoints[2 * p + 1]!;
      if (p === a) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
  }
  ctx.stroke();
  // Text is only legible when a node is at least ~60 pixels wide in the image.
  const withText = NODE_W * scale >= 60;
  ctx.textBaseline = 'alphabetic';
  for (let s = 0; s < input.visibleNodes.length; s++) {
    const i = input.visibleNodes[s]!;
    const bin = input.colours.bin[i]!;
    const x = input.x[s]!;
    const y = input.y[s]!;
    ctx.fillStyle = input.colours.palette[bin] ?? '#ffffff';
    ctx.fillRect(x, y, NODE_W, NODE_H);
    ctx.strokeStyle = '#667085';
    ctx.strokeRect(x, y, NODE_W, NODE_H);
    if (withText) {
      const t = input.text(i);
      ctx.fillStyle = input.colours.ink[bin] ?? '#1d2330';
      ctx.font = '600 12px system-ui, sans-serif';
      ctx.fillText(truncate(t.title, 24), x + 8, y + 17);
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(truncate(t.idLine, 28), x + 8, y + 33);
      ctx.fillText(truncate(t.subtitle, 28), x + 8, y + 49);
    }
  }
  return canvas;
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; revoking synchronously can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads the graph as `<label>.svg` or `.png` (the label made file-name safe, "plan" when empty). */
export function saveExport(input: ExportInput, format: 'svg' | 'png'): void {
  const fileStem = input.title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'plan';
  if (format === 'svg') {
    downloadBlob(new Blob([buildSvg(input)], { type: 'image/svg+xml' }), `${fileStem}.svg`);
    return;
  }
  drawPng(input).toBlob((blob) => {
    if (blob) downloadBlob(blob, `${fileStem}.png`);
  }, 'image/png');
}
