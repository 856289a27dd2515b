// How long a citizen's browser takes to solve the proof of work, with Debian's Chromium:
//   node proof.mjs BASE [--runs=N]
// BASE is a server that asks for proofs (the default configuration). The page's worker
// (public/proof-of-work.js, as the wizard starts it) fetches and solves a challenge N times,
// on this machine's CPU and with the page slowed down 4× as Lighthouse's phone is (DevTools'
// CPU throttling); each time is from asking to the answer.
// Prints {"1": {median_ms, runs}, "4": {…}} as JSON.
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const base = (args.find((a) => !a.startsWith('--')) ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const runs = Number(args.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 15);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const results = {};
  for (const slowdown of [1, 4]) {
    const page = await browser.newPage();
    await page.goto(`${base}/accesibilidad`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    const times = await page.evaluate(async (n) => {
      const out = [];
      for (let i = 0; i < n; i++) {
        const worker = new Worker('/proof-of-work.js');
        const started = performance.now();
        const payload = await new Promise((done) => { worker.onmessage = (e) => done(e.data); worker.postMessage(null); });
        out.push(performance.now() - started);
        worker.terminate();
        if (!payload) throw new Error('the server gave no challenge to solve');
      }
      return out;
    }, runs);
    times.sort((a, b) => a - b);
    results[slowdown] = { median_ms: Math.round(times[Math.floor(times.length / 2)]), runs: times.map(Math.round) };
    await page.close();
  }
  console.log(JSON.stringify(results));
} finally {
  await browser.close();
}
