import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, formAlert, sidebar, signIn, signOut } from "../fixtures/auth";
import { signUpNewSchool } from "../fixtures/school";

test("a copied session cookie stops working once its browser signs out", async ({ page, browser, baseURL }) => {
  await signIn(page, DEMO.staff);
  const copied = await page.context().cookies();
  const thief = await browser.newContext({ baseURL });
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/registrations");
  await expect(stolen.getByRole("button", { name: "Account menu" })).toBeVisible(); // the copy works while signed in

  await signOut(page);
  await stolen.goto("/registrations");
  await expect(stolen).toHaveURL(/\/sign-in/);
  expect((await (await stolen.request.get("/api/auth/session")).json()) as object).toEqual({});
  await thief.close();
});

// As typed into the address bar: each of these used to land on evil.example after signing in.
const PAYLOADS = [
  "/\\evil.example",
  "/%5Cevil.example",
  "/%09/evil.example",
  "//evil.example",
  "https://evil.example",
  "javascript:alert(document.domain)",
  encodeURIComponent("/\\evil.example"),
  encodeURIComponent("/\t/evil.example"),
];

for (const payload of PAYLOADS) {
  test(`signing in with callbackUrl=${payload} stays on Bursar`, async ({ page, baseURL }) => {
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`/sign-in?callbackUrl=${payload}`);
    await page.getByLabel("E-mail").fill(DEMO.accountant);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Account menu" })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    await expect(page).toHaveURL(/\/invoices$/);
    expect(dialogs).toEqual([]);
  });
}

test("a signed-in visit to sign-in follows only a same-origin callbackUrl", async ({ page, baseURL }) => {
  await signIn(page, DEMO.accountant);
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/\\evil.example")}`);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/invoices?page=2")}`);
  await expect(page).toHaveURL(/\/invoices\?page=2$/);
});

test("an address with an account accepts an invitation by signing in, never in the public form", async ({ page }) => {
  const other = await signUpNewSchool(page, "Școala Vecină");
  await signOut(page);

  await signIn(page, DEMO.admin);
  await sidebar(page).getByRole("link", { name: "Team" }).click();
  await page.getByLabel("E-mail", { exact: true }).fill(other.email);
  await page.getByLabel("Role", { exact: true }).selectOption("staff");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  await signOut(page);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Join Școala Demo on Bursar" })).toBeVisible();
  // The form does not know the address has an account; even the right password does not join here.
  await page.getByLabel("Your name").fill("Someone Else");
  await page.getByLabel("Choose a password").fill(other.password);
  await page.getByRole("button", { name: "Join Școala Demo" }).click();
  await expect(formAlert(page)).toContainText("An account with this e-mail already exists");

  await page.getByRole("link", { name: `Sign in as ${other.email} to accept` }).first().click();
  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(page.getByText("Sign in as the invited address to accept the invitation.")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveValue(other.email);
  await page.getByLabel("Password").fill(other.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(link);
  await expect(page.getByText(`You are signed in as ${other.email}.`)).toBeVisible();
  await page.getByRole("button", { name: "Accept and join Școala Demo" }).click();
  await expect(page.getByTestId("org-name")).toHaveText("Școala Demo");
  await expect(sidebar(page).getByRole("link", { name: "Team" })).toHaveCount(0); // joined as staff
});

test("a malformed invitation link answers 404, not 500", async ({ request }) => {
  for (const path of ["/invite/%", "/invite/%zz", "/invite/abc%"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});
