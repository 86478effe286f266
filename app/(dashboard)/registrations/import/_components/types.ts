import type { previewImportAction } from "../../actions/import-registrations";

type Data<F extends (...args: never[]) => Promise<unknown>> = Extract<Awaited<ReturnType<F>>, { ok: true }>["data"];

/** What the dry run answers: the header row, the mapping it used, and each row's outcome. */
export type Preview = Data<typeof previewImportAction>;
export type PreviewRow = Preview["rows"][number];
export type ImportCounts = Preview["counts"];
export interface ChosenFile {
  name: string;
  bytes: number;
  csv: string;
}
