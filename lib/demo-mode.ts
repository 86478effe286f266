// The two switches that make an install a demo: BURSAR_DEMO (the demo school, whose users have a
// published password) and SMARTBILL_SANDBOX (the built-in SmartBill sandbox, open to anyone who can
// reach the app). Pure and free of `server-only`: the launcher, the seed script and the app share it.
//
// Runtime rule: an explicit on/off wins; unset means on, except under NODE_ENV=production where it
// means off, so a production server started without a choice has neither. The launcher (scripts/
// with-db.ts) always makes the choice explicit: see launcherSwitches().

export type SwitchEnv = Partial<Record<"BURSAR_DEMO" | "SMARTBILL_SANDBOX" | "DATABASE_URL" | "NODE_ENV", string>>;

const ON = new Set(["on", "1", "true", "yes"]);
const OFF = new Set(["off", "0", "false", "no"]);

/** true / false for an explicit choice, undefined when unset; throws on anything else. */
export function parseSwitch(name: string, value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (!v) return undefined;
  if (ON.has(v)) return true;
  if (OFF.has(v)) return false;
  throw new Error(`${name} must be "on" or "off" (got "${value}").`);
}

function runtimeSwitch(name: "BURSAR_DEMO" | "SMARTBILL_SANDBOX", env: SwitchEnv): boolean {
  let explicit: boolean | undefined;
  try {
    explicit = parseSwitch(name, env[name]);
  } catch {
    return false; // a value we cannot read is not a yes
  }
  return explicit ?? env.NODE_ENV !== "production";
}

/** The demo school (and the sign-in page's hint about it). */
export function isDemoEnabled(env: SwitchEnv = process.env): boolean {
  return runtimeSwitch("BURSAR_DEMO", env);
}

/** The built-in SmartBill sandbox route and "Use the sandbox". */
export function isSandboxSwitchOn(env: SwitchEnv = process.env): boolean {
  return runtimeSwitch("SMARTBILL_SANDBOX", env);
}

/**
 * What `npm start` / `npm run dev` run with. With the embedded PostgreSQL (DATABASE_URL unset) the
 * install is the README's demo: both on unless set. With DATABASE_URL it is a deployment: both off
 * unless set.
 */
export function launcherSwitches(env: SwitchEnv): { BURSAR_DEMO: "on" | "off"; SMARTBILL_SANDBOX: "on" | "off" } {
  const demoDefault = !env.DATABASE_URL;
  const pick = (name: "BURSAR_DEMO" | "SMARTBILL_SANDBOX") => ((parseSwitch(name, env[name]) ?? demoDefault) ? "on" : "off");
  return { BURSAR_DEMO: pick("BURSAR_DEMO"), SMARTBILL_SANDBOX: pick("SMARTBILL_SANDBOX") };
}

const LOOPBACK = "127.0.0.1";

/** The host a `next start`/`next dev` command names (-H x, --hostname x, --hostname=x), if any. */
export function hostOf(command: string[]): string | undefined {
  for (let i = 0; i < command.length; i++) {
    const a = command[i]!;
    if (a === "-H" || a === "--hostname") return command[i + 1];
    if (a.startsWith("--hostname=")) return a.slice("--hostname=".length);
  }
  return undefined;
}

/**
 * What the launcher adds to `next start`/`next dev`: in demo mode (published passwords, the open
 * sandbox) it listens on 127.0.0.1 only, unless the command names a host or HOSTNAME is set, which then
 * is used. Outside demo mode, or for any other command, nothing: Next.js listens on every interface.
 */
export function launcherHostArgs(command: string[], env: SwitchEnv & { HOSTNAME?: string }): string[] {
  const nextServer = command[0] === "next" && (command[1] === "start" || command[1] === "dev");
  if (!nextServer || hostOf(command) !== undefined || !isDemoEnabled(env)) return [];
  return ["-H", env.HOSTNAME?.trim() || LOOPBACK];
}

/** How the server reaches itself when it listens on `host`: a wildcard means the loopback address. */
export function internalHost(host: string | undefined): string {
  if (!host || host === "0.0.0.0" || host === "::" || host === "[::]") return LOOPBACK;
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}
