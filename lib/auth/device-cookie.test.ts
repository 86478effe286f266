import { describe, expect, it } from "vitest";
import { DEVICE_TOKEN_TTL_MS, deviceCookieName, deviceCookieOptions, issueDeviceToken, knownDeviceId, withDeviceToken } from "./device-cookie";

const SECRET = "app-secret";
const ANA = "11111111-1111-4111-8111-111111111111";
const IOAN = "22222222-2222-4222-8222-222222222222";
const now = new Date("2026-03-01T10:00:00Z");

describe("known-device tokens", () => {
  it("are known for the account they were issued to, and only with the app's secret", () => {
    const token = issueDeviceToken(SECRET, ANA, now);
    const id = knownDeviceId(SECRET, ANA, token, now);
    expect(id).toBe(token.split(".")[0]);
    expect(knownDeviceId(SECRET, IOAN, token, now)).toBeNull();
    expect(knownDeviceId("another-secret", ANA, token, now)).toBeNull();
  });

  it("refuse a changed id, time or signature, junk, and an expired or future token", () => {
    const [id, issued, sig] = issueDeviceToken(SECRET, ANA, now).split(".") as [string, string, string];
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    for (const bad of [
      `${flip(id)}.${issued}.${sig}`,
      `${id}.${(parseInt(issued, 36) - 1).toString(36)}.${sig}`,
      `${id}.${issued}.${flip(sig)}`,
      `${id}.${issued}.${sig}.x`,
      `${id}.${issued}`,
      "",
      "~~~",
      "\u0000.\u0000.\u0000",
    ]) {
      expect(knownDeviceId(SECRET, ANA, bad, now)).toBeNull();
    }
    const token = `${id}.${issued}.${sig}`;
    expect(knownDeviceId(SECRET, ANA, token, new Date(now.getTime() + DEVICE_TOKEN_TTL_MS - 1))).not.toBeNull();
    expect(knownDeviceId(SECRET, ANA, token, new Date(now.getTime() + DEVICE_TOKEN_TTL_MS + 1))).toBeNull();
    expect(knownDeviceId(SECRET, ANA, token, new Date(now.getTime() - 1000))).toBeNull();
  });

  it("one cookie keeps a fresh token per account, for the last five accounts", () => {
    let cookie = withDeviceToken(SECRET, ANA, undefined, now);
    const first = knownDeviceId(SECRET, ANA, cookie, now);
    cookie = withDeviceToken(SECRET, IOAN, cookie, now);
    expect(knownDeviceId(SECRET, ANA, cookie, now)).toBe(first);
    expect(knownDeviceId(SECRET, IOAN, cookie, now)).not.toBeNull();
    // Signing in again replaces the account's token.
    cookie = withDeviceToken(SECRET, ANA, cookie, now);
    expect(knownDeviceId(SECRET, ANA, cookie, now)).not.toBe(first);
    expect(cookie.split("~")).toHaveLength(2);
    for (let i = 0; i < 5; i++) cookie = withDeviceToken(SECRET, `user-${i}`, cookie, now);
    expect(cookie.split("~")).toHaveLength(5);
    expect(knownDeviceId(SECRET, ANA, cookie, now)).toBeNull();
    expect(cookie.length).toBeLessThan(500);
  });

  it("is httpOnly, lax, and Secure with the __Host- prefix over https", () => {
    expect(deviceCookieName(false)).toBe("bursar-device");
    expect(deviceCookieName(true)).toBe("__Host-bursar-device");
    expect(deviceCookieOptions(true)).toMatchObject({ httpOnly: true, secure: true, sameSite: "lax", path: "/" });
    expect(deviceCookieOptions(false)).toMatchObject({ httpOnly: true, secure: false });
  });
});
