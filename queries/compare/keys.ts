/** Dimension keys of comparison rows, and their order: by value, missing values last. */
export type Key = Record<string, string | null>;

export function sortKeyed<T extends { key: Key }>(items: T[]): T[] {
  const sortable = (key: Key) => JSON.stringify(Object.values(key).map((value) => value ?? '\uffff'));
  return items.sort((a, b) => sortable(a.key).localeCompare(sortable(b.key)));
}
