import type { ProfileDraft } from "@/lib/billing/profiles";

/** What the profile form edits: every field as its input holds it (empty text, never null). */
export type ProfileFormValues = ProfileDraft;

/** A profile as the profiles step shows it. */
export interface ProfileView {
  id: string;
  isDefault: boolean;
  seriesName: string | null;
  values: ProfileFormValues;
}
