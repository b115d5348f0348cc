/**
 * The build's configuration from the environment (Node only): the build's "today", frozen when
 * this module is first read, so a build that crosses midnight China time has one date; the
 * source repository's links. Browser-safe site facts are in src/lib/site.ts.
 */

type Env = Record<string, string | undefined>;

function dateOf(env: Env, now: Date): string {
  const given = env.BUILD_DATE;
  if (given && /^\d{4}-\d{2}-\d{2}$/.test(given)) return given;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const frozen = dateOf(process.env, new Date());

/**
 * "Now" for the whole build: BUILD_DATE (YYYY-MM-DD) when given, so that tests and
 * reproducible builds can fix it, otherwise today's date in China Standard Time when the build
 * started. With arguments, the date they give (for tests).
 */
export function buildDate(env?: Env, now?: Date): string {
  return env === undefined && now === undefined ? frozen : dateOf(env ?? process.env, now ?? new Date());
}

/** Link to the source repository, shown in the footer when REPO_URL is configured. */
export function repoUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  const url = env.REPO_URL?.trim();
  return url && /^https?:\/\//.test(url) ? url : undefined;
}

/**
 * "发现错误？" links: the page on the repository host where a file can be edited. Needs
 * REPO_URL (e.g. https://github.com/org/repo); REPO_BRANCH defaults to main. Without a
 * repository the links are not shown.
 */
export function editUrl(file: string, env: Record<string, string | undefined> = process.env): string | undefined {
  const repo = repoUrl(env);
  if (!repo) return undefined;
  const branch = env.REPO_BRANCH?.trim() || 'main';
  return `${repo.replace(/\/+$/, '')}/edit/${encodeURIComponent(branch)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

/** The page on the repository host showing a file as it was at one commit (REPO_URL needed). */
export function repoFileUrl(commit: string, file: string, env: Record<string, string | undefined> = process.env): string | undefined {
  const repo = repoUrl(env);
  if (!repo) return undefined;
  return `${repo.replace(/\/+$/, '')}/blob/${encodeURIComponent(commit)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}
