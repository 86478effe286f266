import { expect, test } from "../fixtures/test";
import { DEMO, sidebar, signIn as signInWith, signOut, uniqueEmail } from "../fixtures/auth";

test("admin invites an accountant, who accepts and signs in with that role", async ({ asAdmin: page }) => {
  const email = uniqueEmail("accountant");
  await page.goto("/");
  await sidebar(page).getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { name: "Team" })).toBeVisible();

  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("accountant");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByRole("listitem").filter({ hasText: email })).toContainText("Accountant"); // listed as pending
  await signOut(page);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Join Școala Demo on Bursar" })).toBeVisible();
  await page.getByLabel("Your name").fill("Dana Contabil");
  await page.getByLabel("Choose a password").fill("dana-password");
  await page.getByRole("button", { name: "Join Școala Demo" }).click();
  await expect(page).toHaveURL(/\/invoices$/); // signed in as the new account
  await signOut(page);
  await signInWith(page, email, "dana-password");
  await expect(page).toHaveURL(/\/invoices$/);
  await expect(sidebar(page).getByRole("link")).toHaveText(["Registrations", "Clients", "Courses", "Invoices"]);

  // The link works once.
  await signOut(page);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This invitation link is not valid any more" })).toBeVisible();
});

test("the last admin cannot be demoted or removed; roles can be changed", async ({ asAdmin: page }) => {
  await page.goto("/settings/team");
  const self = page.getByTestId(`member-${DEMO.admin}`);
  await self.getByRole("combobox").selectOption("staff");
  await expect(self.getByRole("alert")).toContainText("A school needs at least one admin");
  await page.reload();
  await expect(self.getByRole("combobox")).toHaveValue("admin");

  await self.getByRole("button", { name: /Remove/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
  await expect(self.getByRole("alert")).toContainText("A school needs at least one admin");

  const staff = page.getByTestId(`member-${DEMO.staff}`);
  await staff.getByRole("combobox").selectOption("accountant");
  await expect(staff.getByRole("status")).toHaveText("Sorin Staff is now Accountant.");
  await page.reload();
  await expect(staff.getByRole("combobox")).toHaveValue("accountant");
  await staff.getByRole("combobox").selectOption("staff");
  await expect(staff.getByRole("status")).toHaveText("Sorin Staff is now Staff.");
  await page.reload();
  await expect(staff.getByRole("combobox")).toHaveValue("staff");
});
