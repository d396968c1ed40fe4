import { describe, expect, it } from 'vitest';
import { createMapEngine } from './map-engine';

const xy = Float32Array.from([0, 0, 10, 0, 0, 10, 10, 10, 5, 5]);
const rows = Float64Array.from([40, 41, 42, 43, 44]);

async function loaded() {
  const engine = createMapEngine();
  const info = await engine.load({ xy: xy.slice(), rows: rows.slice() });
  return { engine, info };
}

describe('the map engine', () => {
  it('loads points and reports their bounds', async () => {
    const { info } = await loaded();
    expect(info.count).toBe(5);
    expect(info.bounds).toEqual({ x0: 0, y0: 0, x1: 10, y1: 10 });
  });

  it.each([
    ['on a point', 5, 5.2, 1, 44],
    ['a corner', 9.5, 0.4, 1, 41],
    ['nothing near', 3, 7, 1, null],
  ])('pick %s answers the point’s __row', async (_name, x, y, r, row) => {
    const { engine } = await loaded();
    const hit = await engine.pick({ x, y, radius: r });
    expect(hit?.row ?? null).toBe(row);
  });

  it.each([
    ['the right half', { x0: 4, y0: -1, x1: 11, y1: 11 }, [41, 43, 44]],
    ['nothing', { x0: 1, y0: 1, x1: 2, y1: 2 }, []],
  ])('select %s answers __rows', async (_name, box, want) => {
    const { engine } = await loaded();
    expect(Array.from(await engine.select({ box }))).toEqual(want);
  });

  it.each([
    // A triangle over the right half: (10, 0), (10, 10) and (5, 5) on its edges or inside.
    ['a triangle, points on its edges included', [4, 5, 11, -1, 11, 11], [41, 43, 44]],
    // Concave: a notch from the top edge down to (5, 6) stops above the centre point; one down to
    // (5, 4) leaves it out, the four corners in.
    [
      'a notch that stops above the centre',
      [-1, -1, 11, -1, 11, 11, 6, 11, 5, 6, 4, 11, -1, 11],
      [40, 41, 42, 43, 44],
    ],
    [
      'a notch that leaves the centre out',
      [-1, -1, 11, -1, 11, 11, 6, 11, 5, 4, 4, 11, -1, 11],
      [40, 41, 42, 43],
    ],
    ['fewer than three vertices', [0, 0, 10, 10], []],
  ])('selectPolygon: %s', async (_name, polygon, want) => {
    const { engine } = await loaded();
    expect(Array.from(await engine.selectPolygon({ polygon: Float64Array.from(polygon) }))).toEqual(want);
  });

  it('renders the view asked, in the colour of each point’s code', async () => {
    const { engine } = await loaded();
    await engine.colour({
      codes: Uint16Array.from([0, 1, 1, 1, 1]),
      colours: Uint32Array.from([0xff0000ff, 0xffff0000]),
    });
    // 20 × 20 pixels, 1 pixel per unit, centred on (10, 10): the points at y = 0 land on row 20 (outside), (5, 5) on (5, 15).
    const r = await engine.render({ view: { cx: 10, cy: 10, k: 1 }, width: 20, height: 20, scale: 1 });
    expect(r.pixels.length).toBe(400);
    expect(r.inView).toBe(3);
    expect((r.pixels[15 * 20 + 5] as number) & 0xffffff).toBe(0xff0000);
  });

  it('points of a hidden value (transparent colour) are neither picked nor selected', async () => {
    const { engine } = await loaded();
    // Code 1 (the point at (5, 5), __row 44) is hidden.
    await engine.colour({
      codes: Uint16Array.from([0, 0, 0, 0, 1]),
      colours: Uint32Array.from([0xff0000ff, 0]),
    });
    expect(await engine.pick({ x: 5, y: 5.2, radius: 1 })).toBeNull();
    expect(Array.from(await engine.select({ box: { x0: 4, y0: -1, x1: 11, y1: 11 } }))).toEqual([41, 43]);
    expect(
      Array.from(await engine.selectPolygon({ polygon: Float64Array.of(4, 5, 11, -1, 11, 11) })),
    ).toEqual([41, 43]);
  });

  it('refuses codes that do not match the points', async () => {
    const { engine } = await loaded();
    await expect(engine.colour({ codes: new Uint16Array(3), colours: new Uint32Array(1) })).rejects.toThrow(
      /one colour code per point/,
    );
  });
});
