/** path + '?' + query (no '?' when empty). Plain module so pure code (and tests) need no runes. */
export function href(path: string, search: URLSearchParams): string {
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
