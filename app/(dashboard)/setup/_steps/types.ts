export interface StepProps {
  orgId: string;
  userId: string;
  /** The previous step's URL, for the Back button (null on the first step). */
  backHref: string | null;
  /** The wizard was finished before: steps still work, as in Settings → Billing. */
  finished: boolean;
}
