// The failed-invoices view: a 200-with-errorText refusal lands here with SmartBill's text and what to do;
// "Retry all retryable" says the payload is rebuilt from today's settings, and the retry issues once.
import { expect, test } from "../fixtures/test";
import { registerAndPay, sandboxInvoices, setUpIssuingSchool, waitForStatus } from "./inbox-fixtures";

test("a refused invoice is retried from the failed view and issued exactly once", async ({ page, sandbox, db }) => {
  const s = await setUpIssuingSchool(page, sandbox, db);
  await page.goto("/invoices/failed");
  await expect(page.getByRole("heading", { name: "No failed invoices" })).toBeVisible();

  await sandbox.control("add-fault", { account: s.acc.email, kind: "error_text_200", path: "/invoice/v2", errorText: "Eroare simulata de sandbox." });
  const participant = `Ana Failed ${s.suffix}`;
  const registrationId = await registerAndPay(page, s, participant);
  await waitForStatus(db, s.orgId, registrationId, "failed");

  // The sidebar counts it, and /invoices links to it.
  await page.goto("/invoices");
  await expect(page.getByTestId("nav-badge").first()).toContainText("1");
  await page.getByRole("link", { name: "Failed (1)" }).click();
  await expect(page).toHaveURL(/\/invoices\/failed$/);
  const row = page.getByTestId("failed-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(participant);
  await expect(row).toContainText("SmartBill said: “Eroare simulata de sandbox.”");
  await expect(row).toContainText("Retryable");
  await expect(row.getByRole("link", { name: participant })).toHaveAttribute("href", `/registrations/${registrationId}`);
  expect(await sandboxInvoices(sandbox, s.acc.cif)).toHaveLength(0);

  await page.getByRole("button", { name: "Retry all retryable (1)" }).click();
  const confirm = page.getByRole("dialog", { name: "Retry 1 invoice?" });
  await expect(confirm).toContainText("built again from today's settings — VAT level, series and the client's data");
  await confirm.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByText("1 invoice sent again, 0 skipped.")).toBeVisible();

  const issued = await waitForStatus(db, s.orgId, registrationId, "issued");
  const invoices = await sandboxInvoices(sandbox, s.acc.cif);
  expect(invoices).toHaveLength(1);
  expect(invoices[0]!.number).toBe(issued.issuedNumber);
  await page.reload();
  await expect(page.getByRole("heading", { name: "No failed invoices" })).toBeVisible();
  await expect(page.getByTestId("nav-badge")).toHaveCount(0);

  // Settings → Billing counts it among the invoices issued in the last 30 days.
  await page.goto("/settings/billing");
  await expect(page.getByTestId("issued-last-30-days")).toHaveText("1");
});

test("one failure is retried from its row and another through the selection, each issued once", async ({ page, sandbox, db }) => {
  const s = await setUpIssuingSchool(page, sandbox, db);
  await sandbox.control("add-fault", { account: s.acc.email, kind: "error_text_200", path: "/invoice/v2", errorText: "Eroare simulata de sandbox.", count: 2 });
  const [first, second] = [`Ioana Row ${s.suffix}`, `Radu Selected ${s.suffix}`];
  const firstId = await registerAndPay(page, s, first);
  await waitForStatus(db, s.orgId, firstId, "failed");
  const secondId = await registerAndPay(page, s, second);
  await waitForStatus(db, s.orgId, secondId, "failed");

  await page.goto("/invoices/failed");
  await expect(page.getByTestId("failed-row")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Retry selected (0)" })).toBeDisabled();
  const reference = async (participant: string) =>
    (await page.getByTestId("failed-row").filter({ hasText: participant }).locator("td").nth(1).locator("div").textContent())!.trim();
  const [firstRef, secondRef] = [await reference(first), await reference(second)];

  await test.step("the row's own Retry", async () => {
    await page.getByRole("button", { name: `Retry the invoice for ${firstRef}` }).click();
    const confirm = page.getByRole("dialog", { name: "Retry 1 invoice?" });
    await confirm.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByText("Sent again. It is built from today's settings.")).toBeVisible();
    await waitForStatus(db, s.orgId, firstId, "issued");
  });

  await test.step("Retry selected", async () => {
    await page.reload();
    await expect(page.getByTestId("failed-row")).toHaveCount(1);
    await page.getByRole("checkbox", { name: `Select ${secondRef}` }).check();
    await page.getByRole("button", { name: "Retry selected (1)" }).click();
    await page.getByRole("dialog", { name: "Retry 1 invoice?" }).getByRole("button", { name: "Retry" }).click();
    await expect(page.getByText("1 invoice sent again, 0 skipped.")).toBeVisible();
    await waitForStatus(db, s.orgId, secondId, "issued");
  });

  const invoices = await sandboxInvoices(sandbox, s.acc.cif);
  expect(invoices).toHaveLength(2);
  await page.reload();
  await expect(page.getByRole("heading", { name: "No failed invoices" })).toBeVisible();
});

test("accountants cannot open the failed or reconcile views", async ({ asAccountant }) => {
  for (const path of ["/invoices/failed", "/invoices/reconcile"]) {
    const res = await asAccountant.goto(path);
    expect(res?.status(), path).toBe(403);
  }
  await asAccountant.goto("/invoices");
  await expect(asAccountant.getByTestId("failed-link")).toHaveCount(0);
});
