/**
 * RFC 8288 Link headers as GitHub (`<…>; rel="next", <…>; rel="last"`) and ServiceNow
 * (`<…>;rel="first",<…>;rel="next"`, no spaces) write them → rel → URL. URLs hold commas in
 * their query strings (ServiceNow's sysparm_fields), so the header is split on `<…>` groups,
 * never on commas.
 */
export function parseLinkHeader(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  const pattern = /<([^>]*)>\s*((?:;\s*[^;,<]+)*)/g;
  for (const match of header.matchAll(pattern)) {
    const [, url, params] = match;
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(params ?? '')?.[1];
    if (url && rel) for (const name of rel.trim().split(/\s+/)) links[name.toLowerCase()] = url;
  }
  return links;
}
