// What the setup review shows of the last test draft (issued by lib/invoicing/test-draft.ts).
export interface TestDraftResult {
  at: string;
  profileName: string;
  seriesName: string;
  /** SmartBill's answer: a draft has an empty number. */
  number: string;
  documentUrl: string | null;
  request: unknown;
}
