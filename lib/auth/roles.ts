// The member roles, in their own module so client code (role pickers) can list them without loading
// zod with lib/auth/schemas.
export const ROLES = ["admin", "staff", "accountant"] as const;
