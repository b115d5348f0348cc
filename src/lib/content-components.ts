/**
 * The components editors may use in the pages of content/pages/ (.mdx): the one allow-list.
 * src/build/content-check.ts refuses any other component, any import of something else and any
 * prop not declared here; src/pages/[page].astro hands exactly these components to every page
 * (its map is typed by ContentComponentName, so the two cannot drift apart), so a page uses
 * them without an import, wherever CONTENT_DIR is. Anything more than these — code, data
 * look-ups, other components — belongs in src/ and is reviewed as code. Pure data, no Astro.
 */

/** A literal value of a prop as written: `id="samples"`, `level={3}`, `open` (true). */
export type PropValue = string | number | boolean | null;

export interface ContentProp {
  /** Whether the component needs this prop. */
  required: boolean;
  /** Whether a value is allowed. */
  accepts: (value: PropValue) => boolean;
  /** What is allowed, in Chinese, with an example. */
  allowed: string;
}

export interface ContentComponent {
  name: string;
  /** The component's file, relative to the repository. */
  path: string;
  /** What it shows, in Chinese (listed in messages). */
  about: string;
  /** How it is written in a page, as an example. */
  example: string;
  props: Readonly<Record<string, ContentProp>>;
}

const SLUG = /^[a-z][a-z0-9-]{0,63}$/;

export const CONTENT_COMPONENTS = [
  {
    name: 'ProblemStatusLegend',
    path: 'src/components/ProblemStatusLegend.astro',
    about: '问题整改状态的图例',
    example: '<ProblemStatusLegend />',
    props: {},
  },
  {
    name: 'SectionHeading',
    path: 'src/components/SectionHeading.astro',
    about: '带固定锚点的二级标题，其他页面可以链接到 #锚点',
    example: '<SectionHeading id="samples">哪些数据是示例</SectionHeading>',
    props: {
      id: {
        required: true,
        accepts: (v) => typeof v === 'string' && SLUG.test(v),
        allowed: '小写英文字母开头，只含小写字母、数字和连字符 -，例如 samples',
      },
    },
  },
] as const satisfies readonly ContentComponent[];

export type ContentComponentName = (typeof CONTENT_COMPONENTS)[number]['name'];

export function contentComponent(name: string): ContentComponent | undefined {
  return (CONTENT_COMPONENTS as readonly ContentComponent[]).find((c) => c.name === name);
}

/** "ProblemStatusLegend（问题整改状态的图例）、SectionHeading（…）", for messages. */
export function contentComponentList(): string {
  return (CONTENT_COMPONENTS as readonly ContentComponent[]).map((c) => `${c.name}（${c.about}）`).join('、');
}
