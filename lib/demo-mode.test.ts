import { describe, expect, it } from "vitest";
import { isDemoEnabled, isSandboxSwitchOn, launcherSwitches, parseSwitch } from "./demo-mode";

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
