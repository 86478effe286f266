// A path Next.js cannot route safely. Next decodes a dynamic segment with decodeURIComponent and answers
// a malformed escape (`/clients/%`, `/api/auth/%E0%A4%A`) with a bare 500, before any route, page or
// header rule runs; and no route of Bursar has a control character in its path, so one that decodes to
// NUL, a line break or DEL (`/clients/%00`) is refused too, before it reaches a query or a log line.

const CONTROL = /[\u0000-\u001f\u007f]/;

/** True when the (raw, still encoded) path does not decode, or decodes to a control character. */
export function isMalformedPath(rawPath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return true;
  }
  return CONTROL.test(decoded);
}
