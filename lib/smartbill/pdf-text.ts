import "server-only";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import type { PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";

// The text of a SmartBill PDF, for finding a request's mark (issue 15). SmartBill's documents are
// Flate-compressed and draw text in kerned runs, so searching the bytes finds nothing: the content
// streams have to be decoded and the text operators interpreted, which is what pdfjs does.
//
// Documents come from SmartBill, not from users, but are still parsed defensively: a size cap before
// parsing, a page cap while reading, and no code evaluation (isEvalSupported: false).

export const PDF_TEXT_MAX_BYTES = 5 * 1024 * 1024;
export const PDF_TEXT_MAX_PAGES = 20;

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let loaded: Promise<PdfJs> | undefined;

// Node has no Web Worker, so pdfjs runs its "fake worker" on the main thread: it imports the worker
// module itself from GlobalWorkerOptions.workerSrc. pdfjs's own default ("./pdf.worker.mjs", relative to
// pdf.mjs) only works while pdf.mjs is loaded natively from node_modules; a file URL resolved from here
// also works when this file was bundled or transformed (Next, vitest). If resolution fails, the default
// stays.
function loadPdfJs(): Promise<PdfJs> {
  loaded ??= import("pdfjs-dist/legacy/build/pdf.mjs").then((pdfjs) => {
    try {
      const require = createRequire(import.meta.url);
      pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(require.resolve("pdfjs-dist/legacy/build/pdf.worker.mjs")).href;
    } catch {
      // keep pdfjs's default
    }
    return pdfjs;
  });
  return loaded;
}

/** Where pdfjs finds its CMaps and standard font data (plain paths: in Node it reads them with fs). */
function packageDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  } catch {
    return undefined;
  }
}

/**
 * All text of the document's pages (at most PDF_TEXT_MAX_PAGES), pages separated by a newline. Within a
 * page the runs come in content order, concatenated as they are; a line ends where pdfjs reports one.
 * Throws a plain Error for input over PDF_TEXT_MAX_BYTES or that is not a readable PDF.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength > PDF_TEXT_MAX_BYTES) {
    throw new Error(`The PDF is too large to read (${bytes.byteLength} bytes; at most ${PDF_TEXT_MAX_BYTES}).`);
  }
  const pdfjs = await loadPdfJs();
  const dir = packageDir();
  const task = pdfjs.getDocument({
    // A copy: pdfjs hands the buffer to its worker, which detaches the caller's bytes.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    ...(dir ? { cMapUrl: `${dir}/cmaps/`, cMapPacked: true, standardFontDataUrl: `${dir}/standard_fonts/` } : {}),
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      throw new Error(`Not a readable PDF: ${e instanceof Error ? e.message : String(e)}`);
    }
    const pages: string[] = [];
    for (let n = 1; n <= Math.min(doc.numPages, PDF_TEXT_MAX_PAGES); n++) {
      const page = await doc.getPage(n);
      pages.push(pageText(await page.getTextContent()));
      page.cleanup();
    }
    return pages.join("\n");
  } finally {
    await task.destroy();
  }
}

type TextContent = Awaited<ReturnType<PDFPageProxy["getTextContent"]>>;

function pageText(content: TextContent): string {
  let out = "";
  for (const item of content.items) {
    // Marked-content boundaries carry no text.
    if (!("str" in item)) continue;
    out += item.str;
    if (item.hasEOL) out += "\n";
  }
  return out;
}
