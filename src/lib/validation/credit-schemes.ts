/**
 * The checks that need credit-schemes.csv, credit-levels.csv and credit-ratings.csv together:
 * schemes that overlap, a period no scheme covers or of the wrong kind, a colour the scheme has
 * no row for, and a score outside its scheme's bands.
 */
import { showValue, type IssueCodeId, type ValidationIssue } from './issues.ts';
import type { ParsedRow, TableResult } from './validate.ts';
import {
  bandText,
  levelKey,
  periodEnd,
  periodKindOf,
  periodsOfKind,
  ratingForScore,
  schemeFor,
  validityText,
  type BandRow,
  type SchemeRow,
} from '../credit-schemes.ts';
import { periodLabel } from '../dates.ts';

function at(t: TableResult, row: ParsedRow, column: string, value: string): Partial<ValidationIssue> {
  return { line: row.line, excelRow: row.excelRow, column, value, ...(t.letters.has(column) ? { excelColumn: t.letters.get(column)! } : {}) };
}

const push = (issues: ValidationIssue[], code: IssueCodeId, file: string, message: string, extra: Partial<ValidationIssue>) =>
  issues.push({ code, file, message, ...extra });

export function checkCreditSchemes(tables: ReadonlyMap<string, TableResult>, issues: ValidationIssue[]): void {
  const schemesTable = tables.get('credit-schemes');
  if (!schemesTable?.decoded) return;
  const schemes = schemesTable.rows.map((r) => ({ row: r, s: r.record as unknown as SchemeRow }));

  // Two schemes in force on one day would give a rating two meanings.
  const byStart = [...schemes].sort((a, b) => (a.s.valid_from < b.s.valid_from ? -1 : a.s.valid_from > b.s.valid_from ? 1 : a.row.line - b.row.line));
  for (let k = 1; k < byStart.length; k++) {
    const cur = byStart[k]!;
    const before = byStart.slice(0, k).find((p) => p.s.valid_to === undefined || p.s.valid_to >= cur.s.valid_from);
    if (!before) continue;
    push(
      issues,
      'E079',
      schemesTable.file,
      `“${cur.s.id}”的有效期（${validityText(cur.s)}）与第 ${before.row.line} 行“${before.s.id}”的有效期（${validityText(before.s)}）重叠（同一天只能有一个评价办法有效：前一个办法的终止日期要早于 ${cur.s.valid_from}）`,
      at(schemesTable, cur.row, 'valid_from', cur.s.valid_from),
    );
  }

  const ratings = tables.get('credit-ratings');
  const levelsTable = tables.get('credit-levels');
  if (!ratings || !levelsTable) return;
  const levels = levelsTable.rows.map((r) => r.record as unknown as BandRow);
  const levelByKey = new Map(levels.map((l) => [levelKey(l.scheme, l.rating), l]));
  const ratingsKnown = new Set<string>(levels.map((l) => l.rating));
  const list = schemes.map((x) => `${x.s.id}（${validityText(x.s)}）`).join('、') || '（没有评价办法）';
  for (const row of ratings.rows) {
    const period = String(row.record.period);
    const rating = String(row.record.rating);
    const score = row.record.score as number | undefined;
    const scheme = schemeFor(
      period,
      schemes.map((x) => x.s),
    );
    if (!scheme) {
      push(
        issues,
        'E077',
        ratings.file,
        `评价期“${period}”（最后一天 ${periodEnd(period)}）不在任何评价办法的有效期内（${schemesTable.file} 中的评价办法：${list}；请先在 ${schemesTable.file} 中添加那时有效的评价办法，或检查评价期）`,
        at(ratings, row, 'period', period),
      );
      continue;
    }
    const kind = periodKindOf(period);
    if (kind !== scheme.period_kind) {
      const year = period.slice(0, 4);
      push(
        issues,
        'E078',
        ratings.file,
        `评价期“${period}”是${kind ?? '未知'}评价期，而 ${periodEnd(period)} 有效的评价办法“${scheme.id}”（${showValue(scheme.name, 40)}，${validityText(scheme)}）按${scheme.period_kind}评价（允许：${periodsOfKind(scheme.period_kind, year)}）`,
        at(ratings, row, 'period', period),
      );
      continue;
    }
    const level = levelByKey.get(levelKey(scheme.id, rating));
    if (!level) {
      // A colour no row has at all is reported by the plain reference check (E060).
      if (ratingsKnown.has(rating))
        push(
          issues,
          'E060',
          ratings.file,
          `“${rating}”在 ${levelsTable.file} 中没有评价办法“${scheme.id}”的一行（${periodLabel(period)}按“${scheme.id}”评价；请先在 ${levelsTable.file} 中添加 scheme 为 ${scheme.id}、rating 为 ${rating} 的一行）`,
          at(ratings, row, 'rating', rating),
        );
      continue;
    }
    if (score === undefined) continue;
    if (!scheme.score_scale) {
      push(
        issues,
        'E074',
        ratings.file,
        `${periodLabel(period)}按“${scheme.id}”（${showValue(scheme.name, 40)}）评价，这个办法不打分（得分留空）`,
        at(ratings, row, 'score', String(score)),
      );
      continue;
    }
    const expected = ratingForScore(score, scheme.id, levels);
    if (expected === rating) continue;
    const range = bandText(level);
    const should = range === undefined ? `${levelsTable.file} 中没有${rating}的分数段` : `${rating}应为 ${range}`;
    push(
      issues,
      'E074',
      ratings.file,
      expected === undefined
        ? `得分 ${score} 不在“${scheme.id}”任何等级的分数段内（${should}）`
        : `得分 ${score} 对应“${expected}”，与等级“${rating}”不符（${should}）`,
      at(ratings, row, 'score', String(score)),
    );
  }
}
