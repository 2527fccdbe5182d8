/**
 * RFC 4180 CSV as Hindsight writes it (csv-copy.ts does the writing): CRLF line ends, a header
 * row, a field quoted when it holds a comma, quote, CR or LF (quotes doubled). Timestamps are
 * ISO 8601 in UTC (`2026-03-02T10:15:00.000Z`), booleans true/false, durations plain seconds:
 * text that every tool parses the same way. An optional UTF-8 byte-order mark lets Excel read
 * the file as UTF-8.
 */
export const CSV_TYPE = 'text/csv; charset=utf-8';
export const BOM = '\uFEFF';
