// A garbage or oversized server-action POST is the client's fault: it answers 4xx, never 500.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

type Manifest = { node: Record<string, { exportedName?: string }> };

function actionId(name: string): string {
  const file = path.resolve(import.meta.dirname, "../../.next/server/server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === name)?.[0];
  if (!id) throw new Error(`no server action ${name} in the build`);
  return id;
}

test("malformed and oversized server-action bodies answer 4xx", async ({ request }) => {
  const headers = { "next-action": actionId("signUpAction"), "content-type": "text/plain;charset=UTF-8" };
  const post = (data: string, extra: Record<string, string> = {}) => request.post("/sign-up", { headers: { ...headers, ...extra }, data });

  // A well-formed call reaches the action, which refuses the arguments itself.
  const valid = await post('[{"orgName":"x"}]');
  expect(valid.status()).toBe(200);
  expect(await valid.text()).toContain('"code":"validation"');

  for (const body of ["not json{{", "null", '"x"', '["$Q1"]', '["$F1"]']) {
    expect((await post(body)).status(), body).toBe(400);
  }
  expect((await post("garbage", { "content-type": "multipart/form-data; boundary=xyz" })).status()).toBe(400);
  expect((await post(`["${"a".repeat(2 * 1024 * 1024)}"]`)).status()).toBe(413);
  expect((await post("[]", { "next-action": "deadbeef" })).status()).toBe(400);
});
