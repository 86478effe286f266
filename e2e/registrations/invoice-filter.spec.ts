import { DEMO, signIn } from "../fixtures/auth";
import { expect, test } from "../fixtures/test";

test("filter by invoice status: in the URL, the badges match, Back and Reset", async ({ page, db }) => {
  // The demo school's one failed invoice (scripts/demo/invoicing.ts), found by its member.
  const [failed] = await db<{ reference: string }[]>`
    select r.reference from invoice_requests ir
    join registrations r on r.org_id = ir.org_id and r.id = ir.registration_id
    join memberships m on m.org_id = ir.org_id join users u on u.id = m.user_id
    where u.email = ${DEMO.staff} and ir.status = 'failed'`;
  expect(failed).toBeDefined();

  await signIn(page, DEMO.staff);
  await page.goto("/registrations");
  const count = page.getByTestId("registrations-count");
  const badges = page.getByTestId("invoice-status");
  const filter = page.getByLabel("Invoice", { exact: true });
  await expect(filter).toHaveValue("");

  await filter.selectOption({ label: "Failed" });
  await expect(page).toHaveURL(/invoice=failed/);
  await expect(count).toHaveText("1 registration");
  const row = page.getByRole("row").filter({ hasText: failed!.reference });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("invoice-status")).toHaveText("Failed");
  await expect(badges).toHaveCount(1);

  await filter.selectOption({ label: "Issued" });
  await expect(page).toHaveURL(/invoice=issued/);
  await expect(page.getByRole("row").filter({ hasText: failed!.reference })).toHaveCount(0);
  await expect(badges.first()).toBeVisible();
  const statuses = await badges.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(["issued"]));

  // Back restores the previous filter.
  await page.goBack();
  await expect(page).toHaveURL(/invoice=failed/);
  await expect(filter).toHaveValue("failed");
  await expect(count).toHaveText("1 registration");

  // Reset clears it.
  await page.getByRole("button", { name: "Reset filters" }).click();
  await expect(page).toHaveURL(/\/registrations$/);
  await expect(filter).toHaveValue("");
  await expect(count).not.toHaveText("1 registration");
});
