import { z } from 'astro/zod';

/** Front matter of a plan document in content/plan/<plan>.md. */
export const planFrontMatter = z.object({
  title: z.string().min(1).describe('文件标题'),
  issuer: z.string().min(1).describe('发文机关'),
  date: z.coerce.date().describe('成文日期'),
  type: z.string().min(1).describe('文件类型'),
  recipients: z.string().min(1).describe('主送机关'),
  summary: z.string().optional().describe('内容摘要'),
  source: z.string().optional().describe('文本来源说明'),
});

export type PlanFrontMatter = z.infer<typeof planFrontMatter>;

/** Front matter of a page in content/pages/ (about, methodology, …). */
export const pageFrontMatter = z.object({
  title: z.string().min(1),
  description: z.string().min(1),
});
