// Who may do what (PRODUCT.md §1). Pure: used by the sidebar, pages and actions alike.
import type { Role } from "@/db/schema";

export const PERMISSIONS = {
  manageBilling: ["admin"],
  manageTeam: ["admin"],
  manageRegistrations: ["admin", "staff"],
  issueInvoices: ["admin", "staff"],
  viewInvoices: ["admin", "staff", "accountant"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function homePathFor(role: Role): string {
  return can(role, "manageRegistrations") ? "/registrations" : "/invoices";
}
