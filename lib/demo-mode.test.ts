import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hostOf, internalHost, isDemoEnabled, isSandboxSwitchOn, launcherHostArgs, launcherSwitches, parseSwitch } from "./demo-mode";

describe("the demo switches", () => {
  it("are off in production unless asked for, on elsewhere", () => {
    for (const read of [isDemoEnabled, isSandboxSwitchOn]) {
      expect(read({ NODE_ENV: "production" })).toBe(false);
      expect(read({ NODE_ENV: "production", BURSAR_DEMO: "on", SMARTBILL_SANDBOX: "on" })).toBe(true);
      expect(read({ NODE_ENV: "development" })).toBe(true);
      expect(read({ NODE_ENV: "test" })).toBe(true);
      expect(read({ NODE_ENV: "development", BURSAR_DEMO: "off", SMARTBILL_SANDBOX: "OFF" })).toBe(false);
      // A value that means neither is not a yes.
      expect(read({ NODE_ENV: "development", BURSAR_DEMO: "maybe", SMARTBILL_SANDBOX: "maybe" })).toBe(false);
    }
    expect(isDemoEnabled({ NODE_ENV: "production", SMARTBILL_SANDBOX: "on" })).toBe(false);
    expect(isSandboxSwitchOn({ NODE_ENV: "production", BURSAR_DEMO: "on" })).toBe(false);
  });

  it("are made explicit by the launcher: the embedded PostgreSQL is the demo, a DATABASE_URL a deployment", () => {
    expect(launcherSwitches({})).toEqual({ BURSAR_DEMO: "on", SMARTBILL_SANDBOX: "on" });
    expect(launcherSwitches({ BURSAR_DEMO: "off" })).toEqual({ BURSAR_DEMO: "off", SMARTBILL_SANDBOX: "on" });
    expect(launcherSwitches({ DATABASE_URL: "postgres://db/bursar" })).toEqual({ BURSAR_DEMO: "off", SMARTBILL_SANDBOX: "off" });
    expect(launcherSwitches({ DATABASE_URL: "postgres://db/bursar", SMARTBILL_SANDBOX: "on" })).toEqual({ BURSAR_DEMO: "off", SMARTBILL_SANDBOX: "on" });
    expect(() => launcherSwitches({ BURSAR_DEMO: "maybe" })).toThrow(/BURSAR_DEMO must be "on" or "off"/);
  });

  it("read on/off, 1/0, true/false, yes/no", () => {
    expect(["on", "1", "true", "yes", " ON "].map((v) => parseSwitch("X", v))).toEqual([true, true, true, true, true]);
    expect(["off", "0", "false", "no"].map((v) => parseSwitch("X", v))).toEqual([false, false, false, false]);
    expect(parseSwitch("X", "")).toBeUndefined();
    expect(parseSwitch("X", undefined)).toBeUndefined();
  });
});

describe("where the launcher listens", () => {
  const demo = launcherSwitches({});
  const deployment = launcherSwitches({ DATABASE_URL: "postgres://db/bursar" });
  const start = ["next", "start"];

  it("npm start, as package.json runs it, listens on 127.0.0.1 in demo mode", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "..", "package.json"), "utf8")) as { scripts: Record<string, string> };
    for (const script of ["start", "dev"]) {
      const command = pkg.scripts[script]!.split(" -- ")[1]!.split(" ");
      expect(launcherHostArgs(command, demo)).toEqual(["-H", "127.0.0.1"]);
    }
  });

  it("takes the host the user sets (-H, --hostname, HOSTNAME), and leaves a deployment on every interface", () => {
    expect(launcherHostArgs([...start, "-p", "3000", "-H", "0.0.0.0"], demo)).toEqual([]);
    expect(launcherHostArgs([...start, "--hostname=0.0.0.0"], demo)).toEqual([]);
    expect(launcherHostArgs(start, { ...demo, HOSTNAME: "0.0.0.0" })).toEqual(["-H", "0.0.0.0"]);
    expect(launcherHostArgs(start, { ...demo, HOSTNAME: " " })).toEqual(["-H", "127.0.0.1"]);
    expect(launcherHostArgs(start, deployment)).toEqual([]);
    expect(launcherHostArgs(["node", "scripts/worker.ts"], demo)).toEqual([]);
    expect(hostOf([...start, "-H", "10.0.0.5"])).toBe("10.0.0.5");
    expect(hostOf([...start, "--hostname", "::"])).toBe("::");
    expect(hostOf(start)).toBeUndefined();
  });

  it("reaches itself on the loopback address unless it listens on one address only", () => {
    expect(internalHost(undefined)).toBe("127.0.0.1");
    expect(internalHost("0.0.0.0")).toBe("127.0.0.1");
    expect(internalHost("::")).toBe("127.0.0.1");
    expect(internalHost("10.0.0.5")).toBe("10.0.0.5");
    expect(internalHost("::1")).toBe("[::1]");
  });
});
