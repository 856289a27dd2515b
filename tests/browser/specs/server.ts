// A server of our own for tests that stop it or change what it serves (the shared one keeps
// running for the other tests).
import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
export const SERVER = process.env.CITAS_SERVER ?? join(root, 'target/debug/citas-server');
export const DIST = process.env.CITAS_DIST ?? join(root, 'dist');
/** The servers' clock at start: Tuesday 1 December 2026, 7:00 in Bogotá. */
export const NOW = '2026-12-01T07:00:00-05:00';

/** Writes the server's defaults with the defences against scripts relaxed to `path`: every
 *  test books from 127.0.0.1, faster than a citizen, and may take a seat again right after
 *  freeing it; a freed seat is offered to the waiting list within a second. The server's own
 *  tests check each defence. */
export function relaxedConfig(path: string): string {
  writeFileSync(path, readFileSync(join(root, 'crates/server/config/default.toml'), 'utf8')
    .replace(/^rate_limit = true/m, 'rate_limit = false')
    .replace(/^holds_per_address = 3/m, 'holds_per_address = 0')
    .replace(/^bookings_per_address_per_day = 10/m, 'bookings_per_address_per_day = 0')
    .replace(/^release_delay_minutes = \[2, 10\]/m, 'release_delay_minutes = [0, 0]')
    .replace(/^every_seconds = 30/m, 'every_seconds = 1'));
  return path;
}

export async function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

export class OwnServer {
  private process?: ChildProcess;
  readonly database = join(mkdtempSync(join(tmpdir(), 'citas-own-')), 'citas.db');
  constructor(readonly port: number) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts serving `dist` (and `extra` arguments) with its clock at `now`, resolving once it
   *  listens. */
  async start(dist = DIST, extra: string[] = [], now = NOW) {
    this.process = spawn(SERVER, ['--addr', `127.0.0.1:${this.port}`, '--database', `sqlite://${this.database}`,
      '--static-dir', dist, '--now', now, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((ready, fail) => {
      this.process!.stdout!.on('data', (chunk) => { if (String(chunk).includes('listening on')) ready(); });
      this.process!.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
    });
    this.process.stdout!.resume();
  }

  async stop() {
    const process = this.process;
    if (!process || process.exitCode !== null || process.signalCode !== null) return;
    await new Promise((done) => { process.on('exit', done); process.kill('SIGKILL'); });
  }
}
