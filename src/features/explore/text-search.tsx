import './text-search.css';
import { useEffect, useId, useState } from 'react';

/** How long typing must pause before the search runs (one query per pause, not per keystroke). */
const PAUSE_MS = 250;

/**
 * "Search text": a case-insensitive full-text filter over the table's text columns (the owner
 * decides which and builds the filter); matches are marked in the cells. Esc clears it.
 */
export function TextSearch({
  value,
  columns,
  onChange,
}: {
  value: string;
  /** The columns searched, by the names the user knows (for the hint). */
  columns: readonly string[];
  onChange(text: string): void;
}) {
  const [text, setText] = useState(value);
  const hintId = useId();
  useEffect(() => {
    if (text === value) return;
    const id = setTimeout(() => onChange(text), PAUSE_MS);
    return () => clearTimeout(id);
  }, [text, value, onChange]);
  if (columns.length === 0) return null;
  return (
    <div className="ex-search">
      <input
        type="search"
        aria-label="Search text"
        aria-describedby={hintId}
        placeholder="Search text…"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text !== '') {
            e.stopPropagation();
            setText('');
            onChange('');
          }
        }}
      />
      <span id={hintId} className="ex-sr">
        Searches {columns.join(', ')}, ignoring case.
      </span>
    </div>
  );
}
