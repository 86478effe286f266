import { expect, test } from "../fixtures/test";
import { DEMO } from "../fixtures/auth";

// The account menu is hand-written (no menu library on every page): it must still behave as a menu.
test("the account menu opens from the keyboard, closes with Escape or a click outside", async ({ asAdmin: page }) => {
  await page.goto("/");
  const trigger = page.getByRole("button", { name: "Account menu" });
  await expect(trigger).toHaveAttribute("aria-expanded", "false");

  await trigger.focus();
  await page.keyboard.press("ArrowDown");
  const menu = page.getByRole("menu", { name: "Account menu" });
  await expect(menu).toBeVisible();
  await expect(trigger).toHaveAttribute("aria-expanded", "true");
  await expect(menu).toContainText(`Signed in as ${DEMO.admin}`);
  await expect(menu.getByRole("menuitem", { name: "Sign out" })).toBeFocused();

  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(trigger).toBeFocused();

  await trigger.click();
  await expect(menu).toBeVisible();
  await page.getByRole("main").click();
  await expect(menu).toBeHidden();
});

// Messages are precompiled on the server; the menu is rendered in the browser only when opened.
test("the browser formats a message with an argument in Romanian", async ({ asAdmin: page }) => {
  await page.goto("/");
  await page.getByLabel("Language").selectOption("ro");
  const trigger = page.getByRole("button", { name: "Meniul contului" });
  await trigger.click();
  await expect(page.getByRole("menu")).toContainText(`Conectat ca ${DEMO.admin}`);
  await page.getByRole("menuitem", { name: "Deconectare" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});
