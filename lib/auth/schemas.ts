// One zod schema per input, shared by the form (zodResolver) and its server action. Messages are keys
// under `validation.` in messages/*.json, so both sides show the same translated text.
import { z } from "zod";
import { ROLES } from "./roles";

export { ROLES };

export const emailField = z.string().trim().min(1, "required").max(254, "tooLong").pipe(z.email("email"));
const passwordField = z.string().min(8, "passwordShort").max(200, "passwordLong");
const nameField = z.string().trim().min(2, "nameShort").max(120, "tooLong");

export const signInSchema = z.object({ email: emailField, password: z.string().min(1, "required") });

export const signUpSchema = z.object({
  orgName: nameField,
  name: nameField,
  email: emailField,
  password: passwordField,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const inviteSchema = z.object({ email: emailField, role: z.enum(ROLES, "role") });
export type InviteInput = z.infer<typeof inviteSchema>;

export const acceptInviteSchema = z.object({
  token: z.string().min(20).max(200),
  name: z.string().trim().max(120, "tooLong").optional(),
  password: z.string().min(1, "required").max(200, "passwordLong"),
});

export const changeRoleSchema = z.object({ userId: z.uuid(), role: z.enum(ROLES, "role") });
export const memberRefSchema = z.object({ userId: z.uuid() });
export const invitationRefSchema = z.object({ invitationId: z.uuid() });
