import type { ArenaSimulation } from '../../core/plan/types';
import { formatCount, humanBytes } from './format';

interface Props {
  readonly arena: ArenaSimulation;
  readonly order: readonly string[];
  readonly sizes: Float64Array;
  readonly kindOf: (id: string) => string;
}

const ROW_W = 640;
const ROW_H = 22;
const FOOTER = 48;
/** Beyond this many allocations one rectangle per executor stops being readable: draw used spans. */
const MAX_ALLOCATION_RECTS = 4000;

/**
 * bumpalo's chunks as bars, each scaled to its own capacity (chunk sizes double, so a shared scale
 * would hide the first ones). Addresses grow to the right; allocation moves leftwards from the
 * footer. Executors are filled boxes, alignment padding is hatched, the free tail of an abandoned
 * chunk is red and hatched (lost until reset()), the current chunk's free space is plain.
 */
export function ArenaMap({ arena, order, sizes, kindOf }: Props) {
  const chunks = arena.chunks;
  if (chunks.length === 0)
    return <p className="muted">The arena holds no chunk (Bump::new() with nothing allocated).</p>;
  const perAllocation = order.length <= MAX_ALLOCATION_RECTS;
  const height = chunks.length * (ROW_H + 18);
  return (
    <figure className="plans-arena-map" aria-label="Arena memory map">
      <figcaption>
        Arena memory map: {formatCount(chunks.length)} chunk{chunks.length === 1 ? '' : 's'}, each bar scaled
        to its own capacity; hover a box for details.
      </figcaption>
      <div className="plans-arena-scroll">
        <svg width={ROW_W + 190} height={height} role="img" aria-label="Chunks filled by executors">
          <defs>
            <pattern
              id="plans-hatch-pad"
              width="4"
              height="4"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="4" height="4" fill="#fff4d6" />
              <line x1="0" y1="0" x2="0" y2="4" stroke="#c78a00" strokeWidth="1.5" />
            </pattern>
            <pattern
              id="plans-hatch-lost"
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" fill="#fde2df" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#b42318" strokeWidth="1.5" />
            </pattern>
          </defs>
          {chunks.map((c, row) => {
            const total = c.usableBytes + FOOTER;
            const scale = ROW_W / total;
            const y = row * (ROW_H + 18) + 14;
            const rects = [];
            const tailLost = c.state === 'abandoned';
            rects.push(
              <rect
                key="tail"
                x={0}
                y={y}
                width={Math.max(0, c.tailBytes * scale)}
                height={ROW_H}
                className={tailLost ? 'arena-tail-lost' : 'arena-free'}
              >
                <title>
                  {tailLost
                    ? `Abandoned tail: ${formatCount(c.tailBytes)} B never used again until reset()`
                    : `Free in the current chunk: ${formatCount(c.tailBytes)} B`}
                </title>
              </rect>,
            );
            if (perAllocation) {
              for (let a = c.firstAllocation; a < c.firstAllocation + c.allocationCount; a++) {
                const off = arena.offsetOf[a]!;
                const pad = arena.paddingOf[a]!;
                const id = order[a] ?? '?';
                const size = sizes[a] ?? 0;
                rects.push(
                  <rect
                    key={`a${a}`}
                    x={off * scale}
                    y={y}
                    width={Math.max(0.5, size * scale)}
                    height={ROW_H}
                    className="arena-alloc"
                  >
                    <title>{`Executor ${id} (${kindOf(id)}): ${formatCount(size)} B at offset ${formatCount(off)}, allocation #${a + 1}`}</title>
                  </rect>,
                );
                if (pad > 0) {
                  rects.push(
                    <rect
                      key={`p${a}`}
                      x={(off + size) * scale}
                      y={y}
                      width={Math.max(0.5, pad * scale)}
                      height={ROW_H}
                      className="arena-pad"
                    >
                      <title>{`Alignment padding: ${formatCount(pad)} B above executor ${id}`}</title>
                    </rect>,
                  );
                }
              }
            } else {
              rects.push(
                <rect
                  key="used"
                  x={c.tailBytes * scale}
                  y={y}
                  width={(c.usableBytes - c.tailBytes) * scale}
                  height={ROW_H}
                  className="arena-alloc"
                >
                  <title>{`${formatCount(c.allocationCount)} executors, ${formatCount(c.usedBytes)} B used, ${formatCount(c.paddingBytes)} B padding`}</title>
                </rect>,
              );
            }
            rects.push(
              <rect
                key="footer"
                x={c.usableBytes * scale}
                y={y}
                width={FOOTER * scale}
                height={ROW_H}
                className="arena-footer"
              >
                <title>Chunk footer: 48 B of bumpalo metadata</title>
              </rect>,
            );
            return (
              <g key={c.index}>
                <text x={0} y={y - 3} className="arena-label">
                  {`chunk ${c.index + 1}: ${formatCount(c.usableBytes)} B usable (${humanBytes(c.usableBytes)}), ${formatCount(c.allocationCount)} executors, ${formatCount(c.paddingBytes)} B padding, ${formatCount(c.tailBytes)} B ${tailLost ? 'abandoned' : 'free'}`}
                </text>
                {rects}
                <rect x={0} y={y} width={ROW_W} height={ROW_H} className="arena-outline" />
                <text x={ROW_W + 8} y={y + 15} className="arena-state">
                  {c.state === 'current' ? 'current: kept by reset()' : 'abandoned'}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <ul className="plans-arena-key" aria-label="Memory map key">
        <li>
          <span className="arena-key arena-key-alloc" /> executor
        </li>
        <li>
          <span className="arena-key arena-key-pad" /> alignment padding
        </li>
        <li>
          <span className="arena-key arena-key-lost" /> abandoned tail (lost until reset())
        </li>
        <li>
          <span className="arena-key arena-key-free" /> free in the current chunk
        </li>
        <li>
          <span className="arena-key arena-key-footer" /> 48-byte footer
        </li>
      </ul>
    </figure>
  );
}
