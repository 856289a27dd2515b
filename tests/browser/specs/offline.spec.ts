// After one visit, the directory, the first screen and a remembered appointment open with no
// network; booking says it needs the network. A new build reaches a returning citizen.
import { atServerTime, proofOfWork } from './fixtures';
import { test, expect, Browser, BrowserContext, Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, OwnServer, freePort } from './server';

/** Runs `body` with a server of its own (these tests stop and restart it), in a fresh context. */
async function withOwnServer(
  browser: Browser,
  body: (page: Page, server: OwnServer, context: BrowserContext) => Promise<void>,
) {
  const server = new OwnServer(await freePort());
  await server.start();
  const context = await browser.newContext({ locale: 'es-CO' });
  await atServerTime(context);
  try {
    await body(await context.newPage(), server, context);
  } finally {
    await context.close();
    await server.stop();
  }
}

async function visitOnce(page: Page, base: string) {
  await page.goto(`${base}/`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // Seen once online: the directory (and with it the cached office catalogue).
  await page.goto(`${base}/oficinas`);
  await expect(page.locator('.offices li')).toHaveCount(18);
}

async function bookAndRemember(page: Page, base: string) {
  const response = await page.request.post(`${base}/api/v1/appointments`, {
    headers: await proofOfWork(page.request, base),
    data: { office: 'cartagena', service: 'derechos', start: '2026-12-04T10:00:00-05:00', name: 'Rafael Núñez',
            consent: true, document: { kind: 'CC', number: '73123456' } },
  });
  const appointment = await response.json();
  await page.evaluate((a) => localStorage.setItem('citas.citas', JSON.stringify([a])), appointment);
  return appointment.code as string;
}

async function expectWorksOffline(page: Page, base: string, code: string) {
  await page.reload();
  await expect(page.locator('.offices li')).toHaveCount(18);
  await expect(page.getByRole('status').filter({ hasText: 'Sin conexión a internet' })).toBeVisible();
  await page.goto(`${base}/oficinas/cartagena`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cartagena');
  await expect(page.locator('main')).toContainText('Conéctese a internet para ver los cupos disponibles.');
  await page.goto(`${base}/cita/${code}`);
  await expect(page.locator('.code')).toHaveText(code);
  await expect(page.locator('main')).toContainText('viernes 4 de diciembre de 2026');
  await page.goto(`${base}/`);
  await expect(page.getByRole('link', { name: /Cartagena · viernes 4 de diciembre de 2026/ })).toBeVisible();
  // Booking needs the network, and says so; availability is never shown from a cache.
  await page.goto(`${base}/agendar/fecha?servicio=dudas&oficina=cali`);
  await expect(page.getByRole('alert')).toContainText('No pudimos conectarnos con el servicio');
  await expect(page.locator('.calendar')).toHaveCount(0);
}

test('offline in the browser: what was seen once still opens', async ({ browser }) =>
  withOwnServer(browser, async (page, server, context) => {
    await visitOnce(page, server.url);
    const code = await bookAndRemember(page, server.url);
    await page.goto(`${server.url}/oficinas`);
    await context.setOffline(true);
    await expectWorksOffline(page, server.url, code);
  }));

test('with the server stopped: what was seen once still opens', async ({ browser }) =>
  withOwnServer(browser, async (page, server) => {
    await visitOnce(page, server.url);
    const code = await bookAndRemember(page, server.url);
    await page.goto(`${server.url}/oficinas`);
    await server.stop();
    // The browser still thinks it is online: the banner does not show, but everything else holds.
    await page.reload();
    await expect(page.locator('.offices li')).toHaveCount(18);
    await page.goto(`${server.url}/cita/${code}`);
    await expect(page.locator('.code')).toHaveText(code);
    await page.goto(`${server.url}/agendar/fecha?servicio=dudas&oficina=cali`);
    await expect(page.getByRole('alert')).toContainText('No pudimos conectarnos con el servicio');
  }));

test('a new build is served on the next load, and the old cache is dropped', async ({ browser }) =>
  withOwnServer(browser, async (page, server, context) => {
    await visitOnce(page, server.url);
    const before = await page.evaluate(() => caches.keys());
    expect(before.filter((k) => k.startsWith('citas-shell-'))).toHaveLength(1);

    // "Deploy" a new build: the same client with a changed index.html.
    const next = mkdtempSync(join(tmpdir(), 'citas-dist-'));
    cpSync(DIST, next, { recursive: true });
    const index = readFileSync(join(next, 'index.html'), 'utf8');
    writeFileSync(join(next, 'index.html'), index.replace('<head>', '<head><meta name="citas-build" content="next">'));
    // A real build compresses its index.html again; here the old copies would be served instead.
    for (const stale of ['index.html.br', 'index.html.gz']) rmSync(join(next, stale), { force: true });
    await server.stop();
    await server.start(next);

    await page.reload();
    await expect(page.locator('meta[name="citas-build"]')).toHaveAttribute('content', 'next');
    await expect.poll(async () => {
      const keys = await page.evaluate(() => caches.keys());
      return keys.filter((k) => k.startsWith('citas-shell-')).length === 1 && !keys.includes(before.find((k) => k.startsWith('citas-shell-'))!);
    }).toBe(true);
    // Offline now, the new build is what opens.
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('meta[name="citas-build"]')).toHaveAttribute('content', 'next');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }));

test('the manifest makes the app installable', async ({ request }) => {
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest.display).toBe('standalone');
  expect(manifest.start_url).toBe('/');
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) expect((await request.get(icon.src)).status()).toBe(200);
  const worker = await request.get('/sw.js');
  expect(worker.headers()['cache-control']).toBe('no-cache');
  expect(await worker.text()).not.toContain('__CITAS_');
});

test('back online, the date step loads the days by itself, keeping the choices', async ({ page, context }) => {
  await page.goto('/agendar/ciudad?servicio=dudas');
  await page.getByLabel(/^Cali/).check();
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.getByRole('alert')).toContainText('No pudimos conectarnos con el servicio');
  await expect(page.getByRole('button', { name: 'Intentar de nuevo' })).toBeVisible();
  await context.setOffline(false);
  await expect(page.locator('.calendar')).toBeVisible();
  await expect(page.locator('main')).toContainText('Oficina de Cali.');
});

test('a step that could not load tries again with its button', async ({ browser }) => {
  // No service worker: the test's route sees the page's own requests.
  const context = await browser.newContext({ serviceWorkers: 'block', locale: 'es-CO' });
  const page = await context.newPage();
  const availability = '**/api/v1/offices/cali/availability**';
  await page.route(availability, (route) => route.abort());
  await page.goto('/agendar/fecha?servicio=dudas&oficina=cali');
  await expect(page.getByRole('alert')).toContainText('No pudimos conectarnos con el servicio');
  await page.unroute(availability);
  await page.getByRole('button', { name: 'Intentar de nuevo' }).click();
  await expect(page.locator('.calendar')).toBeVisible();
  await context.close();
});
