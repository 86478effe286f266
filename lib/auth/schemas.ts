// One zod schema per input, shared by the form (zodResolver) and its server action. Messages are keys
// under `validation.` in messages/*.json, so both sides show the same translated text.
import { z } from "zod";
import { MAX_PASSWORD_BYTES, passwordBytes } from "./password-limits";
import { opaqueText, plainText } from "@/lib/validation/text";
import { ROLES } from "./roles";

export { ROLES };

export const emailField = z.string().trim().min(1, "required").max(254, "tooLong").pipe(z.email("email"));
// A new password: bcrypt uses 72 bytes at most (lib/auth/password.ts), so longer ones are refused
// rather than silently cut. Letters with diacritics take two bytes.
export const newPasswordField = z
  .string()
  .min(8, "passwordShort")
  .refine((s) => passwordBytes(s) <= MAX_PASSWORD_BYTES, "auth.password.tooLong");
const nameField = plainText({ max: 120, min: 2, minMessage: "nameShort" });

export const signInSchema = z.object({ email: emailField, password: z.string().min(1, "required") });

export const signUpSchema = z.object({
  orgName: nameField,
  name: nameField,
  email: emailField,
  password: newPasswordField,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const inviteSchema = z.object({ email: emailField, role: z.enum(ROLES, "role") });
export type InviteInput = z.infer<typeof inviteSchema>;

const inviteToken = opaqueText(200).refine((s) => s.length >= 20, "required");

// Accepting as a new account sets its password; an existing account accepts while signed in.
export const acceptInviteAsNewUserSchema = z.object({ token: inviteToken, name: nameField, password: newPasswordField });
export const acceptInviteAsUserSchema = z.object({ token: inviteToken });

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "required").max(1000, "tooLong"),
  newPassword: newPasswordField,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const changeRoleSchema = z.object({ userId: z.uuid(), role: z.enum(ROLES, "role") });
export const memberRefSchema = z.object({ userId: z.uuid() });
export const invitationRefSchema = z.object({ invitationId: z.uuid() });
