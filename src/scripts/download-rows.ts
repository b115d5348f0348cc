/**
 * "下载这些行" of the register and the credit list: the rows of the page's published CSV
 * (`data-csv`) whose `key` cell is in `order`, in that order, as CSV for Excel with the column
 * kinds the page was built with (`data-excel-columns`, from the table's declaration in
 * src/lib/publishing/published.ts) — the encoding of the server's -excel.csv.
 */
import type { ExcelColumns } from '../lib/publishing/excel-csv.ts';

export async function downloadRows(host: HTMLElement, key: string, order: ReadonlyMap<string, number>, fileName: string): Promise<void> {
  const [{ pickedRowsExcelCsv }, text] = await Promise.all([import('../lib/publishing/excel-csv.ts'), fetch(host.dataset.csv!).then((r) => r.text())]);
  const csv = pickedRowsExcelCsv(text, JSON.parse(host.dataset.excelColumns ?? '{}') as ExcelColumns, key, order);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
}
