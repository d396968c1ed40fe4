/**
 * Identifier quoting for SQL built from user input (column and table names come from files the
 * user dropped). Values never go through here: they are bound as `?` parameters.
 */
export function quoteIdentifier(name: string): string {
  if (name.includes('\u0000')) throw new Error('An identifier cannot contain a NUL character.');
  return `"${name.replaceAll('"', '""')}"`;
}
