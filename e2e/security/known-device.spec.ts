// The sign-in lockout cannot be turned against an account's owner (OWASP device cookies): a browser that
// signed in to the account before signs in while strangers keep it locked. Strangers come from addresses
// of their own (X-Forwarded-For), so this spec never locks out 127.0.0.1 for the specs after it.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { formAlert, signOut } from "../fixtures/auth";
import { signUpNewSchool } from "../fixtures/school";

async function stranger(browser: Browser, baseURL: string, address: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": address } });
  return context.newPage();
}

async function submitSignIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("the owner's browser signs in while five strangers have the account locked; a new client stays locked out", async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow(); // a sign-up, seven sign-ins and five fresh browsers
  // Signing up signs in: this browser now holds a known-device token for the account.
  const owner = await signUpNewSchool(page, "Școala Proprie");
  const device = (await page.context().cookies()).find((c) => c.name === "bursar-device");
  expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  await signOut(page);

  for (let i = 1; i <= 5; i++) {
    const guesser = await stranger(browser, baseURL!, `203.0.113.${i}`);
    await submitSignIn(guesser, owner.email, `guess-${i}`);
    await expect(formAlert(guesser)).toContainText("The e-mail or password is not right.");
    await guesser.context().close();
  }

  // Even with the right password, a client the account has not seen meets the lockout…
  const newcomer = await stranger(browser, baseURL!, "203.0.113.50");
  await submitSignIn(newcomer, owner.email, owner.password);
  await expect(formAlert(newcomer)).toContainText("Too many failed sign-ins for this address");
  await expect(newcomer.getByRole("button", { name: "Account menu" })).toHaveCount(0);
  await newcomer.context().close();

  // …while the owner's browser signs in.
  await submitSignIn(page, owner.email, owner.password);
  await expect(page.getByRole("button", { name: "Account menu" })).toBeVisible();
});

test("a NUL or control character in the sign-in e-mail is refused cleanly, never an internal error", async ({ request }) => {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  for (const email of ["ana\u0000@school.ro", "ana@school.ro\u0000", "an\u0007a@school.ro"]) {
    const res = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: "whatever-password", json: "true" },
      maxRedirects: 0,
    });
    expect(res.status()).toBeLessThan(500);
    const body = (await res.json()) as { url: string };
    expect(new URL(body.url).searchParams.get("error")).toBe("CredentialsSignin");
  }
});
