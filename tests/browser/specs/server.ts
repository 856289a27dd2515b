// A server of our own for tests that stop it or change what it serves (the shared one keeps
// running for the other tests).
import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
export const SERVER = process.env.CITAS_SERVER ?? join(root, 'target/debug/citas-server');
export const DIST = process.env.CITAS_DIST ?? join(root, 'dist');

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

  /** Starts serving `dist` (and `extra` arguments), resolving once it listens. */
  async start(dist = DIST, extra: string[] = []) {
    this.process = spawn(SERVER, ['--addr', `127.0.0.1:${this.port}`, '--database', `sqlite://${this.database}`,
      '--static-dir', dist, '--now', '2026-12-01T07:00:00-05:00', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
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
