import { useState, type FormEvent } from 'react';
import { DELIMITER_CHOICES, type CsvOptions } from '../../data/csv/csv-options';
import type { FileState } from '../../data/opened-file/file-state';

/**
 * How a CSV file was read (delimiter, quote, header), the warning when DuckDB's sniffer was in
 * doubt, and a form to open it again with other settings. Text only: the warning may quote the
 * file's own header.
 */
export function CsvSettings({ table, onReopen }: { table: FileState; onReopen(options: CsvOptions): void }) {
  const used = table.csv?.options;
  const [delimiter, setDelimiter] = useState(used?.delimiter ?? ',');
  const [quote, setQuote] = useState(used?.quote ?? '"');
  const [header, setHeader] = useState(used?.header ?? true);
  if (!table.csv || !used) return null;
  const choices = DELIMITER_CHOICES.some((c) => c.value === used.delimiter)
    ? DELIMITER_CHOICES
    : [...DELIMITER_CHOICES, { value: used.delimiter, label: JSON.stringify(used.delimiter) }];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Missing fields stay NULL-padded when memscope chose that for a ragged file.
    onReopen({ delimiter, quote, header, ...(used.nullPadding ? { nullPadding: true } : {}) });
  };
  return (
    <section className="csv-settings" aria-label={`CSV settings of ${table.fileName}`}>
      <h2 className="panel-title">CSV settings</h2>
      {table.csv.warning ? (
        <p role="status" className="csv-warning">
          {table.csv.warning}
        </p>
      ) : null}
      <form onSubmit={submit} className="csv-form">
        <label>
          Delimiter{' '}
          <select value={delimiter} onChange={(e) => setDelimiter(e.target.value)}>
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Quote{' '}
          <input
            type="text"
            value={quote}
            maxLength={1}
            size={2}
            onChange={(e) => setQuote(e.target.value)}
            aria-describedby={`${table.id}-quote-hint`}
          />
        </label>
        <span id={`${table.id}-quote-hint`} className="visually-hidden">
          One character; empty for no quoting.
        </span>
        <label>
          <input type="checkbox" checked={header} onChange={(e) => setHeader(e.target.checked)} /> First line
          is a header
        </label>
        <button type="submit" className="button button-small">
          Reopen with these settings
        </button>
      </form>
    </section>
  );
}
