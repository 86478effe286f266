// Accountants see invoices but never issue one: no control on the table or a registration's page, and
// the server action itself refuses them when called directly (a server action is a public endpoint).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "../fixtures/test";

type Manifest = { node: Record<string, { exportedName?: string }> };

function actionId(name: string): string {
  const file = path.resolve(import.meta.dirname, "../../.next/server/server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === name)?.[0];
  if (!id) throw new Error(`no server action ${name} in the build`);
  return id;
}

test("an accountant gets no Issue control, and a direct call of the issue action is refused with nothing written", async ({ asAccountant: page, asStaff, db }) => {
  await page.goto("/registrations");
  const rows = page.getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Invoice" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Issue (an )?invoice/ })).toHaveCount(0);

  await rows.nth(1).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/registrations\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("invoices-section")).toBeVisible();
  await expect(page.getByRole("button", { name: /Issue (an )?invoice/ })).toHaveCount(0);
  const registrationId = page.url().split("/").pop()!;

  const before = await db<{ n: number }[]>`select count(*)::int as n from invoice_requests`;
  for (const [name, body] of [
    ["issueInvoiceAction", { registrationId, clientRequestId: crypto.randomUUID(), amount: "100" }],
    ["previewInvoiceAction", { registrationId }],
  ] as const) {
    const res = await page.request.post(`/registrations/${registrationId}`, {
      headers: { "next-action": actionId(name), "content-type": "text/plain;charset=UTF-8" },
      data: JSON.stringify([body]),
    });
    expect(res.status(), name).toBe(200);
    const text = await res.text();
    expect(text, name).toContain('"code":"forbidden"');
    expect(text, name).not.toContain('"ok":true');
  }
  // The same call as staff reaches the action (the refusal above is the role check, not a bad request).
  const staff = await asStaff.request.post(`/registrations/${registrationId}`, {
    headers: { "next-action": actionId("previewInvoiceAction"), "content-type": "text/plain;charset=UTF-8" },
    data: JSON.stringify([{ registrationId }]),
  });
  expect(await staff.text()).toContain('"ok":true');
  const after = await db<{ n: number }[]>`select count(*)::int as n from invoice_requests`;
  expect(after[0]!.n).toBe(before[0]!.n);
  expect(await db`select 1 from invoice_requests where registration_id = ${registrationId}`).toHaveLength(0);
});
