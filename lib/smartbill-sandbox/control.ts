// The control API: POST <prefix>/__control/<op> with a JSON body, authorised by the
// `x-sandbox-control-key` header. Without a configured key the whole surface is absent (404).
import { ZodError } from "zod";
import { CONTROL_OPS, SandboxAdminError, sandboxAdmin } from "./admin";
import type { Env } from "./api";
import { readBodyText } from "./body";
import { json } from "./responses";
import { timingSafeEqualString } from "./util";

export const CONTROL_KEY_HEADER = "x-sandbox-control-key";

export async function handleControl(env: Env, req: Request, op: string, controlKey: string | undefined): Promise<Response> {
  if (!controlKey) return json(404, { error: "Not found" });
  const presented = req.headers.get(CONTROL_KEY_HEADER);
  if (!presented || !timingSafeEqualString(presented, controlKey)) {
    return json(401, { error: `The control API needs the ${CONTROL_KEY_HEADER} header.` });
  }
  const method = Object.hasOwn(CONTROL_OPS, op) ? CONTROL_OPS[op] : undefined;
  if (!method) return json(404, { error: `Unknown control op "${op}"`, ops: Object.keys(CONTROL_OPS) });
  if (req.method !== "POST") return json(405, { error: "Use POST" }, { Allow: "POST" });

  let input: unknown = {};
  const body = await readBodyText(req);
  if (!body.ok) return json(413, { error: "The body is too large" });
  const text = body.text;
  if (text.trim()) {
    try {
      input = JSON.parse(text) ?? {};
    } catch {
      return json(400, { error: "The body must be JSON" });
    }
  }
  const admin = sandboxAdmin(env.sql, { now: env.now });
  try {
    const run = admin[method] as (input: unknown) => Promise<unknown>;
    const result = await run(input);
    return json(200, { ok: true, result: result ?? null });
  } catch (e) {
    if (e instanceof ZodError) return json(400, { error: "Invalid input", issues: e.issues });
    if (e instanceof SandboxAdminError) return json(e.status, { error: e.message });
    // e.g. two accounts with the same token, or a company CIF taken twice
    const code = (e as { code?: string }).code;
    if (code === "23505") return json(409, { error: (e as Error).message });
    // PostgreSQL "data exception" (a NUL byte, a number out of range …): the input's fault, not ours.
    if (typeof code === "string" && code.startsWith("22")) return json(400, { error: "Invalid input" });
    throw e;
  }
}
