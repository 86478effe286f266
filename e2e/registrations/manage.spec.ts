import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures/auth";
import { createCourse, createRegistration, uniqueSuffix } from "./helpers";

test("staff create a course, a client and a registration, then record a payment from the table", async ({ page }) => {
  const s = uniqueSuffix();
  const course = `Robotică ${s}`;
  await signIn(page, DEMO.staff);
  await createCourse(page, { name: course, price: "1.250,00", term: `Primăvara ${s}`, start: "2027-02-01", end: "2027-06-15" });
  await expect(page.getByRole("row").filter({ hasText: course })).toContainText("RON 1,250.00");

  // The București rule: the city must be the sector.
  await page.goto("/registrations/new");
  await page.getByRole("button", { name: "New client" }).click();
  const dialog = page.getByRole("dialog", { name: "New client" });
  await dialog.getByLabel("Name").fill(`Ana Popescu ${s}`);
  await dialog.getByLabel("City").fill("București");
  await dialog.getByRole("button", { name: "Save client" }).click();
  await expect(dialog.getByText(/For an address in București, write the sector as the city/)).toBeVisible();
  await page.keyboard.press("Escape");

  const participant = `Ștefan Popescu ${s}`;
  const reference = await createRegistration(page, { clientName: `Ana Popescu ${s}`, city: "Sector 3", participant, course });
  await expect(page.getByTestId("balance-amount")).toHaveText("RON 1,250.00");
  await expect(page.getByTestId("timeline")).toContainText("Registration created");

  // From the table: the row's action opens a dialog prefilled with the balance and today's date.
  await page.goto(`/registrations?q=${encodeURIComponent(reference)}`);
  const row = page.getByRole("row").filter({ hasText: reference });
  await expect(row.getByTestId("payment-status")).toHaveText("Not paid");
  await row.getByRole("button", { name: `Record payment for ${reference} (${participant})` }).click();
  const pay = page.getByRole("dialog", { name: "Record a payment" });
  await expect(pay.getByLabel("Amount (lei)")).toHaveValue("1250,00");
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Bucharest" }).format(new Date());
  await expect(pay.getByLabel("Date")).toHaveValue(today);
  await pay.getByLabel("Amount (lei)").fill("500");
  await pay.getByRole("button", { name: "Record payment" }).click();
  await expect(pay).toBeHidden();
  await expect(row.getByTestId("payment-status")).toHaveText("Partially paid");
  await expect(row).toContainText("RON 750.00");

  // Bad input changes nothing: a zero amount is refused in the dialog.
  await row.getByRole("button", { name: `Record payment for ${reference} (${participant})` }).click();
  await pay.getByLabel("Amount (lei)").fill("0");
  await pay.getByRole("button", { name: "Record payment" }).click();
  await expect(pay.getByText("The amount must be more than zero.")).toBeVisible();
  await pay.getByLabel("Amount (lei)").fill("750");
  await pay.getByRole("button", { name: "Record payment" }).click();
  await expect(row.getByTestId("payment-status")).toHaveText("Paid");

  // The detail page lists both payments; voiding one keeps it, struck through, and the status follows.
  await row.getByRole("link", { name: reference }).click();
  await expect(page.getByTestId("payments-table").getByRole("row")).toHaveCount(3);
  await page.getByRole("button", { name: /^Void the payment of RON 750\.00/ }).click();
  const voidDialog = page.getByRole("dialog", { name: "Void the payment of RON 750.00?" });
  await voidDialog.getByLabel("Reason").fill("Recorded twice by mistake");
  await voidDialog.getByRole("button", { name: "Void payment" }).click();
  await expect(voidDialog).toBeHidden();
  await expect(page.getByTestId("payments-table")).toContainText("VoidedReason: Recorded twice by mistake");
  await expect(page.getByTestId("timeline")).toContainText("Payment of RON 750.00 voided");
  await expect(page.getByTestId("timeline")).toContainText("Payment status: Paid → Partially paid");
  await expect(page.getByTestId("balance-amount")).toHaveText("RON 750.00");
  await expect(page.getByTestId("invoices-section")).toContainText("Invoices");
});
