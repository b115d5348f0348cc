/**
 * Runs a command and measures its wall time and the peak memory of its whole process tree.
 *
 * GNU time's "maximum resident set size" is the largest single process it waited for. The build
 * runs Pagefind as a separate program that Node starts and stops, and that program alone held
 * 2.4 GB at L while the bench reported 1.67 GB. So the peak here is the sum of the resident
 * memory of the command and all its descendants, read from /proc every 100 ms (Linux; elsewhere
 * the peak is unknown).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface Measured {
  seconds: number;
  /** Peak of the summed resident memory of the process tree, in MB; undefined without /proc. */
  peakMb: number | undefined;
  ok: boolean;
  output: string;
}

/** Parent of each running process, from /proc/<pid>/stat. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Field 2 (the command name) is in parentheses and may hold spaces; the parent is field 4.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), Number(fields[1]));
    } catch {
      /* the process ended while we looked */
    }
  }
  return out;
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

export function measure(cmd: string[], env: Record<string, string | undefined>, cwd: string): Promise<Measured> {
  const hasProc = existsSync('/proc/self/status');
  const started = performance.now();
  const child = spawn(cmd[0]!, cmd.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => chunks.push(b));
  child.stderr.on('data', (b: Buffer) => chunks.push(b));
  let peakKb = 0;
  const sample = () => {
    if (!hasProc || child.pid === undefined) return;
    const tree = processTree(child.pid, parents());
    peakKb = Math.max(peakKb, tree.reduce((n, pid) => n + rssKb(pid), 0));
  };
  const timer = setInterval(sample, 100);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ seconds: (performance.now() - started) / 1000, peakMb: hasProc ? peakKb / 1024 : undefined, ok: code === 0, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}
