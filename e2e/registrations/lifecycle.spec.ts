import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures/auth";
import { createCourse, createRegistration, uniqueSuffix } from "./helpers";

test("staff edit and cancel a registration, and archive and restore its course", async ({ page }) => {
  const s = uniqueSuffix();
  const course = `Ceramică ${s}`;
  await signIn(page, DEMO.staff);
  await createCourse(page, { name: course, price: "400", term: `Toamnă ${s}`, start: "2027-09-15", end: "2028-01-31" });
  const participant = `Irina Dobre ${s}`;
  await createRegistration(page, { clientName: `Dan Dobre ${s}`, city: "Sector 5", participant, course });

  // Edit: a discount on this registration only.
  await page.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit registration" });
  await edit.getByLabel("Price (lei)").fill("350,50");
  await edit.getByLabel("Down payment (lei, optional)").fill("500");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText("The down payment cannot be more than the price.")).toBeVisible();
  await edit.getByLabel("Down payment (lei, optional)").fill("100");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByTestId("balance-amount")).toHaveText("RON 350.50");

  // Cancel, with a reason: the registration stays, without payment controls.
  await page.getByRole("button", { name: "Cancel registration" }).click();
  const cancel = page.getByRole("dialog", { name: `Cancel the registration of ${participant}?` });
  await cancel.getByLabel("Reason").fill("Moved to another city");
  await cancel.getByRole("button", { name: "Cancel registration" }).click();
  await expect(cancel).toBeHidden();
  await expect(page.getByText("Reason: Moved to another city").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Record payment" })).toHaveCount(0);
  await expect(page.getByTestId("timeline")).toContainText("Registration cancelled");

  // Archive asks first; the course moves to the archived list and comes back with Restore.
  await page.goto("/courses");
  await page.getByRole("button", { name: `Archive ${course}` }).click();
  await page.getByRole("dialog", { name: `Archive ${course}?` }).getByRole("button", { name: "Archive course" }).click();
  await expect(page.getByRole("row").filter({ hasText: course })).toHaveCount(0);
  await page.getByRole("button", { name: "Show archived courses" }).click();
  await page.getByRole("button", { name: `Restore ${course}` }).click();
  await expect(page.getByRole("row").filter({ hasText: course })).toHaveCount(0);
  await page.getByRole("button", { name: "Show offered courses" }).click();
  await expect(page.getByRole("row").filter({ hasText: course })).toBeVisible();
});
