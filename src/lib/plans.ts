/**
 * Loading plan documents for pages: the collection entry plus its parsed body. A plan whose
 * body has errors fails the build with the same Chinese messages `npm run validate` prints.
 */
import { parsePlanMarkdown, type PlanBlock } from './plan-doc.ts';

export interface PlanSourceLike {
  id: string;
  body?: string | undefined;
  filePath?: string | undefined;
}

export function parsePlanOrThrow(entry: PlanSourceLike, bodyLineOffset = 0): PlanBlock[] {
  const { blocks, issues } = parsePlanMarkdown(entry.body ?? '', bodyLineOffset);
  if (issues.length > 0) {
    const file = entry.filePath ?? `content/plan/${entry.id}.md`;
    throw new Error(issues.map((i) => `${file}:${i.line} ${i.message}`).join('\n'));
  }
  return blocks;
}
