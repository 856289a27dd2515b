// Browser tests of the web client against the real server, on Debian's Chromium.
// `cargo xtask test` sets CITAS_SERVER, CITAS_DIST and CHROMIUM; the defaults suit a workspace
// where `cargo test` and the client build have run.
import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NOW, relaxedConfig } from './specs/server';

const root = resolve(__dirname, '../..');
const server = process.env.CITAS_SERVER ?? join(root, 'target/debug/citas-server');
const dist = process.env.CITAS_DIST ?? join(root, 'dist');
// A free port, chosen once: workers load this file again and inherit it through the environment.
process.env.CITAS_TEST_PORT ??= execFileSync(process.execPath, [
  '-e', "const s = require('net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });",
]).toString().trim();
const port = Number(process.env.CITAS_TEST_PORT);
// A fresh database for every run; the clock starts on a known day (see specs/fixtures.ts).
const scratch = mkdtempSync(join(tmpdir(), 'citas-browser-'));
const database = join(scratch, 'citas.db');
const config = relaxedConfig(join(scratch, 'citas.toml'));

export default defineConfig({
  testDir: './specs',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 390, height: 844 },
    locale: 'es-CO',
    timezoneId: 'America/Bogota',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `"${server}" --addr 127.0.0.1:${port} --database "sqlite://${database}" --static-dir "${dist}" --config "${config}" --now ${NOW}`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
