import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures/auth";
import { createCourse, createRegistration, uniqueSuffix } from "./helpers";

test("filter, sort and search live in the URL, and Back restores each step", async ({ page }) => {
  const s = uniqueSuffix();
  const course = `Șah ${s}`;
  await signIn(page, DEMO.staff);
  await createCourse(page, { name: course, price: "300", term: `Vara ${s}`, start: "2027-07-01", end: "2027-08-31" });
  await createRegistration(page, { clientName: `Ioana Țurcanu ${s}`, city: "Sector 1", participant: `Ștefania Țurcanu ${s}`, course });
  await createRegistration(page, { clientName: `Mihai Albu ${s}`, city: "Sector 2", participant: `Andrei Albu ${s}`, course });

  await page.goto("/registrations");
  const count = page.getByTestId("registrations-count");
  await expect(count).toBeVisible();

  // Filter by course.
  const courseFilter = page.getByLabel("Course", { exact: true });
  const courseId = await courseFilter.locator("option", { hasText: course }).getAttribute("value");
  await courseFilter.selectOption(courseId!);
  await expect(page).toHaveURL(new RegExp(`course=${courseId}`));
  await expect(count).toHaveText("2 registrations");

  // Sort by participant, ascending then descending.
  await page.getByRole("button", { name: "Participant: sort ascending" }).click();
  await expect(page).toHaveURL(/sort=participant&dir=asc/);
  await expect(page.getByRole("row").nth(1)).toContainText(`Andrei Albu ${s}`);
  // Descending is the default direction, so the URL drops it.
  await page.getByRole("button", { name: "Participant: sort descending" }).click();
  await expect(page).not.toHaveURL(/dir=asc/);
  await expect(page.getByRole("row").nth(1)).toContainText(`Ștefania Țurcanu ${s}`);

  // Search ignores case and Romanian diacritics.
  await page.getByRole("searchbox", { name: "Search registrations" }).fill(`stefania turcanu ${s}`);
  await expect(page).toHaveURL(/q=stefania/);
  await expect(count).toHaveText("1 registration");
  await expect(page.getByRole("row").nth(1)).toContainText(`Ștefania Țurcanu ${s}`);

  // Back: the search goes, the sort stays; Back again: ascending order; Forward: descending again.
  await page.goBack();
  await expect(page).not.toHaveURL(/q=/);
  await expect(count).toHaveText("2 registrations");
  await expect(page.getByRole("searchbox", { name: "Search registrations" })).toHaveValue("");
  await expect(page.getByRole("row").nth(1)).toContainText(`Ștefania Țurcanu ${s}`);
  await page.goBack();
  await expect(page).toHaveURL(/dir=asc/);
  await expect(page.getByRole("row").nth(1)).toContainText(`Andrei Albu ${s}`);
  await page.goForward();
  await expect(page.getByRole("row").nth(1)).toContainText(`Ștefania Țurcanu ${s}`);

  // A filter with no match shows the no-results state; the URL alone reproduces it.
  await page.goto(`/registrations?course=${courseId}&status=overpaid`);
  await expect(page.getByText("No registration matches this filter")).toBeVisible();
  await expect(page.getByLabel("Payment status")).toHaveValue("overpaid");
  await page.getByRole("button", { name: "Reset filters" }).click();
  await expect(page).toHaveURL(/\/registrations$/);
});
