// Next.js answers a malformed server-action POST (a body that is not JSON, `null`, a bare string, a
// reference to a part that is not there, a broken multipart form) and one over the body limit with a
// 500, as if the server had failed. proxy.ts checks the envelope first and answers 400/413 instead; the
// arguments themselves are still validated by each action's schema (lib/safe-action.ts).

/** Next's default `serverActions.bodySizeLimit` ("1mb"). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

// String encodings React uses for plain values in an action's arguments; any other `$` prefix refers to
// a streamed part (promise, form data, blob…) that a JSON body cannot carry.
const PLAIN_PREFIXES = /^\$(\$|undefined$|-0$|Infinity$|-Infinity$|NaN$|D|n|@|K|T)/;

function plainJson(value: unknown, depth = 0): boolean {
  if (depth > 200) return false;
  if (typeof value === "string") return !value.startsWith("$") || PLAIN_PREFIXES.test(value);
  if (Array.isArray(value)) return value.every((v) => plainJson(v, depth + 1));
  if (typeof value === "object" && value !== null) return Object.values(value).every((v) => plainJson(v, depth + 1));
  return true;
}

function refuse(status: 400 | 413): Response {
  return new Response(status === 413 ? "Request body too large." : "Malformed server action request.", {
    status,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

/** null when the request may go on to Next's action handler; otherwise the 4xx answer. */
export async function checkActionRequest(req: Request): Promise<Response | null> {
  if (req.method !== "POST") return null;
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > ACTION_BODY_LIMIT) return refuse(413);
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    try {
      await req.clone().formData();
      return null;
    } catch {
      return refuse(400);
    }
  }
  if (!type.startsWith("text/plain")) return null; // Next itself answers these with a 4xx.
  const body = await req.clone().text();
  if (Buffer.byteLength(body) > ACTION_BODY_LIMIT) return refuse(413);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return refuse(400);
  }
  if (typeof parsed !== "object" || parsed === null || !plainJson(parsed)) return refuse(400);
  return null;
}
