// PostgreSQL text cannot hold NUL (U+0000): a search or filter with one in it (a URL's %00, a pasted
// string) fails the whole query (22021, answered as `internal`). No stored text can contain it, so it is
// dropped from what is searched for.
export function pgText(s: string): string {
  return s.replace(/\u0000/g, "");
}
