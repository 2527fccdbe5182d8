/**
 * The one place ingest quotes an identifier. Column names in an import come from the user's
 * file header, so they are always double-quoted with embedded quotes doubled; values are never
 * spliced — they are bound parameters.
 */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
