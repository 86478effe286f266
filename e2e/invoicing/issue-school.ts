import { expect, type Page } from "@playwright/test";
import { connectOwnSandbox } from "../fixtures/own-sandbox";
import { signUpNewSchool } from "../fixtures/school";
import type { SandboxControl } from "../fixtures/test";

export interface SandboxInvoice {
  isDraft: boolean;
  seriesName: string;
  number: string | null;
  total: number;
  client: { name: string };
  products: { name: string }[];
}

/**
 * A new school set up through the wizard to issue invoices against its own sandbox company: generation
 * mode, one billing profile on series BRS, default VAT Normala 21 %. The admin stays signed in on `page`.
 */
export async function setUpInvoicingSchool(page: Page, opts: { name: string; mode: "manual" | "automatic" }) {
  await signUpNewSchool(page, opts.name);
  const own = await connectOwnSandbox(page);
  await page.getByRole("link", { name: "Continue", exact: true }).click();

  if (opts.mode === "manual") {
    await page.getByRole("radio", { name: /Manual/ }).check();
  } else {
    await page.getByRole("radio", { name: /Automatic/ }).check();
    await page.getByRole("checkbox", { name: /Debt cleared/ }).check();
    await page.getByRole("checkbox", { name: /Down payment paid/ }).check();
  }
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/setup\/profiles$/);

  await page.getByRole("button", { name: "Add the first profile" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a billing profile" });
  await dialog.getByLabel("City").fill("Iași");
  await dialog.getByRole("button", { name: "Save profile" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/setup\/series$/);

  await page.getByLabel(`Invoice series for ${opts.name}`).selectOption("BRS");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/setup\/vat$/);

  await page.getByLabel(`Default VAT level for ${opts.name}`).selectOption({ label: "Normala — 21%" });
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/setup\/bank$/);
  return own;
}

/** The invoices SmartBill (the sandbox) holds for the company, drafts left out. */
export async function sandboxInvoices(sandbox: SandboxControl, cif: string): Promise<SandboxInvoice[]> {
  return ((await sandbox.control("list-invoices", { cif })) as SandboxInvoice[]).filter((i) => !i.isDraft);
}
