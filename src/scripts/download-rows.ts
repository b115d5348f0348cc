/**
 * "下载这些行" of the register and the credit list: the rows of the page's published CSV
 * (`data-csv`) whose `key` cell is in `order`, in that order, as CSV for Excel with the column
 * kinds the page was built with (`data-excel-columns`, from the table's declaration in
 * src/lib/publishing/published.ts) — the encoding of the server's -excel.csv. The file is named
 * with the data version of the build (data-version.json), read when the reader downloads, so the
 * list pages do not carry it.
 */
import type { ExcelColumns } from '../lib/publishing/excel-csv.ts';
import { COMMIT_ADDRESS } from '../lib/validation/routes.ts';
import { dataVersionUrl } from '../lib/urls.ts';

/** This build's short data version, or undefined when there is none (no history) or it cannot be read. */
async function dataVersion(): Promise<string | undefined> {
  try {
    const r = await fetch(dataVersionUrl());
    const v: unknown = r.ok ? await r.json() : undefined;
    const version = v && typeof v === 'object' ? (v as { version?: unknown }).version : undefined;
    return typeof version === 'string' && COMMIT_ADDRESS.test(version) ? version : undefined;
  } catch {
    return undefined;
  }
}

export async function downloadRows(
  host: HTMLElement,
  key: string,
  order: ReadonlyMap<string, number>,
  fileName: (version: string | undefined) => string,
): Promise<void> {
  const [{ pickedRowsExcelCsv }, text, version] = await Promise.all([
    import('../lib/publishing/excel-csv.ts'),
    fetch(host.dataset.csv!).then((r) => r.text()),
    dataVersion(),
  ]);
  const csv = pickedRowsExcelCsv(text, JSON.parse(host.dataset.excelColumns ?? '{}') as ExcelColumns, key, order);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  a.download = fileName(version);
  document.body.append(a);
  a.click();
  a.remove();
}
