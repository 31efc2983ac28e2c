/**
 * CPU seconds a Chromium launched by the e2e harness has used, all its
 * processes together (browser, renderers, utility processes such as the
 * storage service). On a shared machine the wall-clock time of an import
 * grows with everyone else's load; the CPU it costs does not, so the benches
 * print both. Linux only (reads /proc); elsewhere undefined.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ on every architecture Node runs on). */
const TICKS_PER_SECOND = 100;

interface Proc {
  pid: number;
  ppid: number;
  ticks: number;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name (2nd field) is in parentheses and may hold spaces: read after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return out;
}

/**
 * The CPU seconds used so far by the browser whose profile is `profile`
 * and every process under it, or undefined when none is found (not Linux).
 */
export function browserCpuSeconds(profile: string): number | undefined {
  const all = processes();
  const roots = all.filter((p) => {
    try {
      return readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').includes(`--user-data-dir=${profile}`);
    } catch {
      return false;
    }
  });
  if (roots.length === 0) return undefined;
  const tree = new Set(roots.map((p) => p.pid));
  // Children are listed after their parents only by chance: repeat until no process is added.
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (!tree.has(p.pid) && tree.has(p.ppid)) (tree.add(p.pid), (grew = true));
  }
  let ticks = 0;
  for (const p of all) if (tree.has(p.pid)) ticks += p.ticks;
  return ticks / TICKS_PER_SECOND;
}
