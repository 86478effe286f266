import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures/auth";

test("staff in the demo school open a full registrations table", async ({ page }) => {
  await signIn(page, DEMO.staff);
  await expect(page).toHaveURL(/\/registrations$/);
  const count = await page.getByTestId("registrations-count").textContent();
  const n = Number((count ?? "").replace(/\D/g, ""));
  expect(n).toBeGreaterThanOrEqual(250);
  await expect(page.getByRole("row")).toHaveCount(26); // header + the default 25 per page
  await expect(page.getByRole("navigation", { name: "Pagination" })).toBeVisible();
  // Every payment state of the seed is there.
  for (const status of ["Not paid", "Down payment paid", "Partially paid", "Paid", "Overpaid"]) {
    await page.getByLabel("Payment status").selectOption({ label: status });
    await expect(page.getByTestId("payment-status").first()).toHaveText(status);
  }
});

test("the Columns menu hides and shows a column, by mouse and by keyboard", async ({ page }) => {
  await signIn(page, DEMO.staff);
  // While the menu is open the page behind it is hidden from assistive technology: headers are checked
  // with the menu closed.
  const courseHeader = page.getByRole("columnheader", { name: /^Course/ });
  await expect(courseHeader).toBeVisible();

  await page.getByRole("button", { name: "Columns" }).click();
  const course = page.getByRole("menuitemcheckbox", { name: "Course" });
  await expect(course).toHaveAttribute("aria-checked", "true");
  await course.click();
  await expect(course).toHaveAttribute("aria-checked", "false");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();
  await expect(courseHeader).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: /^Participant/ })).toBeVisible();

  // Keyboard only: focus the button, open with Enter, move to the item and toggle it with Space.
  await page.getByRole("button", { name: "Columns" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menu")).toBeVisible();
  for (let i = 0; i < 10 && !(await course.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("ArrowDown");
  await expect(course).toBeFocused();
  await page.keyboard.press(" ");
  await expect(course).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("Escape");
  await expect(courseHeader).toBeVisible();
  await expect(page.getByRole("button", { name: "Columns" })).toBeFocused();
});
