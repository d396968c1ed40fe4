import { useEffect, useMemo, useState } from 'react';
import { toMemscopeError, type MemscopeError } from '../../core/errors';
import {
  codePalette,
  hideCodes,
  legendEntries,
  OTHER_CODE,
  pointCodes,
  type ColourCodes,
  type LegendEntry,
} from '../../core/map/colours';
import { hexToPixel } from '../../components/theme/colour';
import type { ThemeColours } from '../../components/theme/theme';
import type { MapPoints } from './vector-map';

/**
 * "Colour by" a column for the map: the column's codes per `__row` from DuckDB (once per column),
 * each point's code (a Uint16Array), the legend with counts over the points shown, and the colours
 * from the theme (light or dark).
 */
export interface MapColours {
  codes: Uint16Array | null;
  colours: Uint32Array;
  legend: LegendEntry[];
  colourOf(code: number): string;
  loading: boolean;
  /** The answer for the column asked, once it came (null: no column or not yet). */
  answer: ColourCodes | null;
}

export function useMapColours(
  column: string | null,
  points: MapPoints | null,
  theme: ThemeColours,
  fetchCodes: ((column: string, signal: AbortSignal) => Promise<ColourCodes>) | undefined,
  hidden: ReadonlySet<number>,
  onError: (e: MemscopeError) => void,
  onAnswer?: (column: string, codes: ColourCodes) => void,
): MapColours {
  const [answer, setAnswer] = useState<{ column: string; codes: ColourCodes } | null>(null);
  // A failed column is asked again when the way to ask changes (the file finished loading).
  const [failed, setFailed] = useState<{ column: string; fetchCodes: unknown } | null>(null);
  const loading =
    column !== null &&
    fetchCodes !== undefined &&
    answer?.column !== column &&
    !(failed?.column === column && failed.fetchCodes === fetchCodes);

  useEffect(() => {
    if (!column || !fetchCodes) return;
    const ctl = new AbortController();
    fetchCodes(column, ctl.signal).then(
      (codes) => {
        if (ctl.signal.aborted) return;
        setAnswer({ column, codes });
        onAnswer?.(column, codes);
      },
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        setFailed({ column, fetchCodes });
        onError(toMemscopeError(err, { code: 'sql' }));
      },
    );
    return () => ctl.abort();
    // onError and onAnswer are callbacks, not inputs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [column, fetchCodes]);

  const current = answer && answer.column === column ? answer.codes : null;
  const perPoint = useMemo(
    () => (current && points ? pointCodes(current.byRow, points.rows, current.values.length + 1) : null),
    [current, points],
  );
  const cats = useMemo(
    () => [
      theme.cat1,
      theme.cat2,
      theme.cat3,
      theme.cat4,
      theme.cat5,
      theme.cat6,
      theme.cat7,
      theme.cat8,
      theme.cat9,
      theme.cat10,
      theme.cat11,
      theme.cat12,
    ],
    [theme],
  );
  return useMemo(() => {
    const colourOf = (code: number) =>
      !current
        ? theme.chartPoint
        : code === OTHER_CODE
          ? theme.catOther
          : (cats[(code - 1) % cats.length] as string);
    const colours = current
      ? hideCodes(
          codePalette(
            current.values.length,
            cats.map((c) => hexToPixel(c, 0xff808080)),
            hexToPixel(theme.catOther, 0xffc4b9b3),
          ),
          hidden,
        )
      : codePalette(0, [], 0, hexToPixel(theme.chartPoint, 0xffa77949));
    return {
      codes: perPoint?.codes ?? null,
      colours,
      legend: current && perPoint ? legendEntries(current.values, perPoint.counts, current.otherValues) : [],
      colourOf,
      loading,
      answer: current,
    };
  }, [current, perPoint, cats, theme, loading, hidden]);
}
