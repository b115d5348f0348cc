/**
 * Runs a command and measures its wall time and the peak memory of its whole process tree.
 *
 * GNU time's "maximum resident set size" is the largest single process it waited for. The build
 * runs Pagefind as a separate program that Node starts and stops, which can hold more than Node
 * itself. So the peak here is the sum of the resident
 * memory of the command and all its descendants, read from /proc every 100 ms (Linux; elsewhere
 * the peak is unknown).
 *
 * CPU time is read from the same samples: each process's user and kernel time, as last seen
 * while it ran, summed over the tree (a process's last 100 ms may be missed). The kernel's share
 * (writing the site's files) varies most from run to run and is the main reason a build's wall
 * time moves between runs (README, "Scale").
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

export interface Measured {
  seconds: number;
  /** Peak of the summed resident memory of the process tree, in MB; undefined without /proc. */
  peakMb: number | undefined;
  /** When the peak was sampled (seconds after the start) and each process's share of it, largest first; undefined without /proc. */
  peakAt: { seconds: number; processes: Array<{ pid: number; name: string; mb: number }> } | undefined;
  /** CPU time of the process tree in seconds, user and kernel (system); undefined without /proc. */
  cpu: { userSeconds: number; systemSeconds: number } | undefined;
  ok: boolean;
  /** Stopped after the time limit (the whole process group killed). */
  timedOut: boolean;
  output: string;
}

/** Clock ticks per second of /proc's times (nearly always 100). */
function clockTicks(): number {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
}

/** The parent and CPU time ([user, kernel] in clock ticks) in one /proc/<pid>/stat line, or undefined when it cannot be read. */
export function parseStat(stat: string): { parent: number; user: number; kernel: number } | undefined {
  // Field 2 (the command name) is in parentheses and may hold spaces and parentheses; after it
  // come the state (3), the parent (4) and, as fields 14 and 15, user and kernel time.
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = stat.slice(close + 2).split(' ');
  const [parent, user, kernel] = [fields[1], fields[11], fields[12]].map(Number);
  if (![parent, user, kernel].every((n) => Number.isInteger(n) && n! >= 0)) return undefined;
  return { parent: parent!, user: user!, kernel: kernel! };
}

/** CPU seconds ([user, kernel]) of every process ever seen in the tree: each pid's last sample, summed. */
export function cpuSeconds(samples: ReadonlyMap<number, readonly [number, number]>, ticksPerSecond: number): { userSeconds: number; systemSeconds: number } {
  const sum = (k: 0 | 1) => [...samples.values()].reduce((n, t) => n + t[k], 0) / ticksPerSecond;
  return { userSeconds: sum(0), systemSeconds: sum(1) };
}

/** Parent and CPU time so far ([user, kernel] in clock ticks) of each running process, from /proc/<pid>/stat. */
function processes(): { parentOf: Map<number, number>; ticks: Map<number, [number, number]> } {
  const parentOf = new Map<number, number>();
  const ticks = new Map<number, [number, number]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = parseStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (!stat) continue;
      parentOf.set(Number(name), stat.parent);
      ticks.set(Number(name), [stat.user, stat.kernel]);
    } catch {
      /* the process ended while we looked */
    }
  }
  return { parentOf, ticks };
}

/** The pids of a process and its descendants. */
export function processTree(root: number, parentOf: ReadonlyMap<number, number>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parentOf) {
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const tree: number[] = [];
  const todo = [root];
  while (todo.length > 0) {
    const pid = todo.pop()!;
    tree.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Resident memory of one process in KB (VmRSS), 0 when it has gone. */
function rssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * A process's program and script from its command line ("node astro.mjs", "pagefind_extended"), '?'
 * when it has gone. Not /proc/<pid>/comm: Node names its main thread "MainThread" there.
 */
function processName(pid: number): string {
  try {
    const [program, first] = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const name = basename(program ?? '');
    return (first && !first.startsWith('-') ? `${name} ${basename(first)}` : name) || '?';
  } catch {
    return '?';
  }
}

/** "node astro.mjs 3,712 MB + pagefind_extended 781 MB, 95 s in": the peak's processes, for the bench's log. */
export function describePeak(peakAt: Measured['peakAt']): string {
  if (!peakAt) return 'unknown';
  const parts = peakAt.processes.filter((p) => p.mb >= 1).map((p) => `${p.name} ${Math.round(p.mb).toLocaleString('en')} MB`);
  return `${parts.join(' + ') || 'nothing'}, ${peakAt.seconds.toFixed(0)} s in`;
}

/** Runs `cmd`; with `limitSeconds`, kills it and everything it started when it runs longer. */
export function measure(cmd: string[], env: Record<string, string | undefined>, cwd: string, limitSeconds?: number): Promise<Measured> {
  const hasProc = existsSync('/proc/self/status');
  const started = performance.now();
  // A process group of its own, so a time limit can stop Pagefind and any other child with it.
  const child = spawn(cmd[0]!, cmd.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let timedOut = false;
  const limit =
    limitSeconds === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            /* it ended meanwhile */
          }
        }, limitSeconds * 1000);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => chunks.push(b));
  child.stderr.on('data', (b: Buffer) => chunks.push(b));
  let peakKb = 0;
  let peakAt: Measured['peakAt'];
  // Pid → its latest [user, kernel] ticks. A pid is not reused within a build's minutes here.
  const cpu = new Map<number, [number, number]>();
  const sample = () => {
    if (!hasProc || child.pid === undefined) return;
    const { parentOf, ticks } = processes();
    const tree = processTree(child.pid, parentOf);
    const each = tree.map((pid) => [pid, rssKb(pid)] as const);
    const total = each.reduce((n, [, kb]) => n + kb, 0);
    if (total > peakKb) {
      peakKb = total;
      // Names are read only at a new peak: a handful of small reads, not one per process every sample.
      const processes = each.map(([pid, kb]) => ({ pid, name: processName(pid), mb: kb / 1024 })).sort((a, b) => b.mb - a.mb);
      peakAt = { seconds: (performance.now() - started) / 1000, processes };
    }
    for (const pid of tree) {
      const t = ticks.get(pid);
      if (t) cpu.set(pid, t);
    }
  };
  const timer = setInterval(sample, 100);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(timer);
      clearTimeout(limit);
      const ticks = hasProc ? clockTicks() : 1;
      resolve({
        seconds: (performance.now() - started) / 1000,
        peakMb: hasProc ? peakKb / 1024 : undefined,
        peakAt,
        cpu: hasProc ? cpuSeconds(cpu, ticks) : undefined,
        ok: code === 0 && !timedOut,
        timedOut,
        output: Buffer.concat(chunks).toString('utf8'),
      });
    });
  });
}
