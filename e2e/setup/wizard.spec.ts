// The whole SmartBill wizard as a new admin, through the UI only, ending with a real draft accepted by
// the (sandbox) SmartBill and the settings page.
import { expect, test } from "../fixtures/test";
import { connectOwnSandbox } from "../fixtures/own-sandbox";
import { signUpNewSchool } from "../fixtures/school";

const SCHOOL = "Școala de Limbi Babel";

test("a new admin completes the wizard against the sandbox and the test draft comes back", async ({ page, sandbox, db }) => {
  await signUpNewSchool(page, SCHOOL);
  let own = { email: "", cif: "" };

  await test.step("1 · SmartBill account", async () => {
    own = await connectOwnSandbox(page);
    await page.getByRole("link", { name: "Continue", exact: true }).click();
  });

  await test.step("2 · invoice generation", async () => {
    await expect(page.getByRole("radio", { name: /Automatic/ })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: /Debt cleared/ })).toBeChecked();
    await page.getByRole("checkbox", { name: /Down payment paid/ }).uncheck();
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).toHaveURL(/\/setup\/profiles$/);
  });

  await test.step("3 · billing profile, prefilled from the connection", async () => {
    await page.getByRole("button", { name: "Add the first profile" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a billing profile" });
    await expect(dialog.getByLabel("CIF *")).toHaveValue(own.cif);
    await dialog.getByLabel("City").fill("Iași");
    await dialog.getByLabel("IBAN").fill("RO49AAAA1B31007593840000");
    await dialog.getByRole("button", { name: "Save profile" }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).toHaveURL(/\/setup\/series$/);
  });

  await test.step("4 · number series from SmartBill", async () => {
    await page.getByLabel(`Invoice series for ${SCHOOL}`).selectOption("BRS");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).toHaveURL(/\/setup\/vat$/);
  });

  await test.step("5 · VAT levels synchronised from SmartBill", async () => {
    const levels = page.getByRole("table", { name: /Current VAT levels/ });
    await expect(levels.getByRole("row", { name: "Normala 21%" })).toBeVisible();
    await page.getByLabel(`Default VAT level for ${SCHOOL}`).selectOption({ label: "Normala — 21%" });
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).toHaveURL(/\/setup\/bank$/);
  });

  await test.step("6 · bank link skipped", async () => {
    await page.getByRole("button", { name: "Skip for now" }).click();
    await expect(page).toHaveURL(/\/setup\/review$/);
  });

  await test.step("7 · review, test draft, finish", async () => {
    await expect(page.getByText(`${own.email} · CIF ${own.cif}`)).toBeVisible();
    await expect(page.getByText("Automatic — on: Debt cleared")).toBeVisible();
    await expect(page.getByText(/BRS · Normala 21%/)).toBeVisible();
    await expect(page.getByText("Send a test draft before finishing")).toBeVisible();
    await page.getByRole("button", { name: "Issue a test draft" }).click();
    await expect(page.getByText("SmartBill accepted the test draft in series BRS.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Open the draft in SmartBill" })).toHaveAttribute("href", /\/api\/smartbill-sandbox\//);
    await page.getByText("What Bursar sent").click();
    await expect(page.getByText('"isDraft": true')).toBeVisible();
    await expect(page.getByText('"taxName": "Normala"')).toBeVisible();

    // SmartBill holds the draft, without a number.
    const invoices = (await sandbox.control("list-invoices", { cif: own.cif })) as { isDraft: boolean; number: string | null; client: { name: string } }[];
    const draft = invoices.filter((i) => i.isDraft && i.client.name === "Client de test Bursar");
    expect(draft.length).toBeGreaterThan(0);
    expect(draft.every((d) => !d.number)).toBe(true);

    await page.getByRole("button", { name: "Finish setup" }).click();
    await expect(page).toHaveURL(/\/settings\/billing\?setup=done$/);
    await expect(page.getByText("Setup finished. Bursar is ready to issue invoices through SmartBill.")).toBeVisible();
    await expect(page.getByTestId("health-status")).toHaveText("Working");
    await expect(page.getByTestId("series-list")).toContainText(`used by ${SCHOOL}`);
  });

  const rows = await db<{ action: string }[]>`
    select a.action from audit_log a join organisations o on o.id = a.org_id where o.name = ${SCHOOL} order by a.id`;
  const actions = rows.map((r) => r.action);
  for (const a of ["smartbill.connected", "billing.generation_changed", "smartbill.test_draft_issued", "setup.finished"]) expect(actions).toContain(a);
});
