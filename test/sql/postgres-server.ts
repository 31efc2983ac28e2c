/**
 * Test helper: a throw-away PostgreSQL server of Debian's `postgresql`
 * package, started on loopback in a temporary folder (initdb + pg_ctl) and
 * spoken to with psql. PostgreSQL refuses to run as root, so when the tests
 * run as root the cluster belongs to the `postgres` user the package
 * creates, and its commands run through runuser.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder with initdb, pg_ctl and psql, or undefined when PostgreSQL is not installed. */
export function postgresBinDir(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  const candidates: string[] = [];
  if (onPath) candidates.push(join(onPath, '..'));
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  return candidates.find((dir) => ['initdb', 'pg_ctl', 'psql', 'postgres'].every((b) => existsSync(join(dir, b))));
}

export interface PostgresServer {
  port: number;
  /** Runs SQL (or a psql meta-command) with psql; returns stdout. `--csv` output when asked. */
  psql(sql: string, options?: { input?: string; csv?: boolean }): string;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export async function startPostgres(bin: string): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cvlens-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const ids = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
    chownSync(dir, Number(ids), Number(gid));
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'cvlens', '--auth=trust', '--encoding=UTF8', '--locale=C']);
  run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']);
  const stop = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return {
    port,
    stop,
    psql(sql, options = {}) {
      const args = ['-h', '127.0.0.1', '-p', String(port), '-U', 'cvlens', '-d', 'postgres', '-X', '-q', '-v', 'ON_ERROR_STOP=1'];
      if (options.csv) args.push('--csv');
      const r = spawnSync(join(bin, 'psql'), [...args, '-c', sql], { encoding: 'utf8', input: options.input, maxBuffer: 1 << 30 });
      if (r.status !== 0) throw new Error(`psql failed (${r.status}): ${r.stderr}`);
      return r.stdout;
    },
  };
}
