import { expect, test } from "../fixtures/test";
import { fillCredentials, signUpNewSchool } from "../fixtures/school";

test("billing settings show connection health and manage the token and connection", async ({ page, sandbox, db }) => {
  const acc = await sandbox.newAccount();
  await signUpNewSchool(page);
  await page.goto("/settings/billing");
  await expect(page.getByRole("heading", { name: "SmartBill is not connected" })).toBeVisible();
  await page.getByRole("link", { name: "Open the setup wizard" }).click();
  await fillCredentials(page, acc);
  await expect(page.getByText(/Connected to SmartBill as/)).toBeVisible();

  await page.goto("/settings/billing");
  await expect(page.getByTestId("health-status")).toHaveText("Working");
  await expect(page.getByText(`•••• ${acc.token.slice(-4)}`)).toBeVisible();
  await expect(page.getByTestId("series-list")).toContainText("FB");
  await expect(page.getByTestId("series-list")).toContainText("next number 1");

  // SmartBill starts failing: re-verify says so, and the health panel keeps SmartBill's text.
  await sandbox.control("add-fault", { account: acc.email, kind: "error_text_200", path: "/tax", errorText: "Eroare interna de test", count: 1 });
  await page.getByRole("button", { name: "Re-verify" }).click();
  await expect(page.getByText("SmartBill said: “Eroare interna de test”").first()).toBeVisible();
  await expect(page.getByTestId("health-status")).toHaveText("Last call failed");
  // Stored as SmartBill's reason (a 200 with an error text reads as "validation"), rendered in the reader's language.
  await expect(page.getByTestId("last-error")).toContainText("SmartBill rejected the data that was sent");
  await expect(page.getByTestId("last-error")).toContainText("Eroare interna de test");
  await page.getByRole("button", { name: "Re-verify" }).click();
  await expect(page.getByText("SmartBill accepted the saved credentials.")).toBeVisible();
  await expect(page.getByTestId("health-status")).toHaveText("Working");

  // A wrong new token is refused and the working one stays.
  await page.getByRole("button", { name: "Change token" }).click();
  await page.getByLabel("New API token").fill("definitely-not-valid");
  await page.getByRole("button", { name: "Check and save" }).click();
  await expect(page.getByRole("dialog")).toContainText("SmartBill did not accept this e-mail and token");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText(`•••• ${acc.token.slice(-4)}`)).toBeVisible();

  // A new valid token replaces it.
  const newToken = `tok-rotated-${Date.now()}`;
  await sandbox.control("upsert-account", { email: acc.email, token: newToken });
  await page.getByRole("button", { name: "Change token" }).click();
  await page.getByLabel("New API token").fill(newToken);
  await page.getByRole("button", { name: "Check and save" }).click();
  await expect(page.getByText("The new token works and was saved.")).toBeVisible();
  await expect(page.getByText(`•••• ${newToken.slice(-4)}`)).toBeVisible();

  // Disconnect keeps history; reconnect brings it back.
  await page.getByRole("button", { name: "Disconnect" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByRole("heading", { name: "SmartBill was disconnected" })).toBeVisible();
  await page.getByRole("button", { name: "Reconnect" }).click();
  await expect(page.getByTestId("health-status")).toHaveText("Working");

  const rows = await db<{ action: string }[]>`
    select a.action from audit_log a join smartbill_connections c on c.org_id = a.org_id
    where c.username = ${acc.email} order by a.id`;
  const actions = rows.map((r) => r.action);
  for (const a of ["smartbill.connected", "smartbill.credentials_updated", "smartbill.disconnected", "smartbill.reconnected"]) expect(actions).toContain(a);
  expect(JSON.stringify(rows)).not.toContain(newToken);
});
