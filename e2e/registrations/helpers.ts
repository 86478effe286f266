import { expect, type Page } from "@playwright/test";

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/** Creates a course through the Courses page; returns its name. */
export async function createCourse(page: Page, c: { name: string; price: string; term: string; start: string; end: string }) {
  await page.goto("/courses");
  await page.getByRole("button", { name: "New course" }).click();
  const dialog = page.getByRole("dialog", { name: "New course" });
  await dialog.getByLabel("Name").fill(c.name);
  await dialog.getByLabel("Price (lei)").fill(c.price);
  await dialog.getByLabel("Term", { exact: true }).fill(c.term);
  await dialog.getByLabel("Term starts").fill(c.start);
  await dialog.getByLabel("Term ends").fill(c.end);
  await dialog.getByRole("button", { name: "Save course" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: c.name })).toBeVisible();
}

/** Fills the registration form on /registrations/new, creating the client on the spot. */
export async function createRegistration(page: Page, r: { clientName: string; city: string; participant: string; course: string; downPayment?: string }) {
  await page.goto("/registrations/new");
  await page.getByRole("button", { name: "New client" }).click();
  const dialog = page.getByRole("dialog", { name: "New client" });
  await dialog.getByLabel("Name").fill(r.clientName);
  await dialog.getByLabel("City").fill(r.city);
  await dialog.getByLabel("County").fill("București");
  await dialog.getByRole("button", { name: "Save client" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("chosen-client")).toContainText(r.clientName);
  await page.getByLabel("Participant (child)").fill(r.participant);
  const course = page.getByLabel("Course");
  const value = await course.locator("option", { hasText: r.course }).getAttribute("value");
  await course.selectOption(value!);
  if (r.downPayment) await page.getByLabel("Down payment (lei, optional)").fill(r.downPayment);
  await page.getByRole("button", { name: "Create registration" }).click();
  await expect(page).toHaveURL(/\/registrations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: r.participant })).toBeVisible();
  return (await page.getByTestId("payment-reference").textContent())!.trim();
}
