// Lighthouse on the first screen and on an appointment's confirmation, with Debian's Chromium.
//   node audit.mjs [base URL, default http://127.0.0.1:8080] [--categories=a,b] [--mobile] [--runs=N]
//                 [--cpu-slowdown=N]
// Books one appointment through the API (the server should be on a test database and clock),
// puts it into the browser's storage as the client would after booking, then audits.
// Performance is audited in runs of its own, the other categories in one run after them. With
// --runs=N, each page's performance is audited N times and the median run is reported, as
// Lighthouse's docs/variability.md advises, with every run's score beside it.
// With --mobile, --cpu-slowdown=N sets how many times slower than this machine the emulated
// phone's CPU is (Lighthouse's default, 4). The score depends on the host's cores: a higher
// factor on a fast machine shows what a slower one would score.
import lighthouse from 'lighthouse';
import * as constants from 'lighthouse/core/config/constants.js';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import * as chromeLauncher from 'chrome-launcher';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const base = (args.find((a) => !a.startsWith('--')) ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const categories = (args.find((a) => a.startsWith('--categories='))?.split('=')[1] ?? 'accessibility,best-practices').split(',');
const mobile = args.includes('--mobile');
const slowdown = Number(args.find((a) => a.startsWith('--cpu-slowdown='))?.split('=')[1] ?? 4);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 1);

async function bookOne() {
  const availability = await (await fetch(`${base}/api/v1/offices/bogota/availability`)).json();
  const slot = availability.days.flatMap((d) => d.slots).find((s) => s.available > 0);
  const response = await fetch(`${base}/api/v1/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      office: 'bogota', service: 'dudas', start: slot.start, name: 'Prueba Lighthouse', consent: true,
      document: { kind: 'CC', number: String(70_000_000 + Math.floor(Math.random() * 9_000_000)) },
    }),
  });
  if (response.status !== 201) throw new Error(`booking failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** One Lighthouse run; one that saw no paint at all (headless Chromium's rare miss) runs again. */
async function audit(url, onlyCategories) {
  for (let attempt = 1; ; attempt++) {
    const { lhr } = await lighthouse(url, {
      port: chrome.port, onlyCategories, output: 'json', logLevel: 'error',
      disableStorageReset: true,
      ...(mobile
        ? { throttling: { ...constants.throttling.mobileSlow4G, cpuSlowdownMultiplier: slowdown } }
        : { formFactor: 'desktop', screenEmulation: { disabled: true } }),
    });
    if (lhr.runtimeError?.code !== 'NO_FCP' || attempt === 3) return lhr;
  }
}

/** Adds the binary audits `lhr` failed to `result`. */
function failing(lhr, result) {
  const failed = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary');
  if (failed.length) result.failing = [...(result.failing ?? []), ...failed.map((a) => a.id)];
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                '--disable-component-update', '--disable-sync'],
});
try {
  const appointment = await bookOne();
  const cdp = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
  const page = await cdp.contexts()[0].newPage();
  await page.goto(`${base}/`);
  await page.evaluate((a) => localStorage.setItem('citas.citas', JSON.stringify([a])), appointment);
  await page.close();

  const pages = { 'first screen': `${base}/`, confirmation: `${base}/cita/${appointment.code}` };
  const results = {};
  for (const [name, url] of Object.entries(pages)) {
    results[name] = {};
    if (categories.includes('performance')) {
      // Performance alone: the accessibility audit's instrumentation (the browser building its
      // accessibility tree as the page loads) is a long task of its own, about half a second at
      // 4×, that no citizen's browser runs unless a screen reader asks for that tree.
      const all = [];
      for (let run = 0; run < runs; run++) all.push(await audit(url, ['performance']));
      const lhr = runs > 1 ? computeMedianRun(all) : all[0];
      results[name].performance = Math.round(lhr.categories.performance.score * 100);
      results[name].runs = all.map((r) => Math.round(r.categories.performance.score * 100));
      // What the score is made of: a low score with high blocking time is this machine's CPU.
      results[name].interactive_ms = Math.round(lhr.audits.interactive.numericValue);
      results[name].largest_paint_ms = Math.round(lhr.audits['largest-contentful-paint'].numericValue);
      results[name].blocking_ms = Math.round(lhr.audits['total-blocking-time'].numericValue);
      results[name].layout_shift = Number(lhr.audits['cumulative-layout-shift'].numericValue.toFixed(3));
      failing(lhr, results[name]);
    }
    const others = categories.filter((c) => c !== 'performance');
    if (others.length) {
      const lhr = await audit(url, others);
      for (const c of others) results[name][c] = Math.round(lhr.categories[c].score * 100);
      failing(lhr, results[name]);
    }
  }
  console.log(JSON.stringify(results, null, 2));
  await cdp.close();
} finally {
  await chrome.kill();
}
