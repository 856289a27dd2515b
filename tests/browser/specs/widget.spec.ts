// One line on another site's page embeds the wizard; only allowed sites can frame it.
import { test, expect } from '@playwright/test';
import { createServer, Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, OwnServer, freePort } from './server';
import { brokenWords } from './fixtures';

/** A host page, as on www.dian.gov.co, that records the widget's events. */
function hostPage(app: string, attributes: string) {
  return `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>DIAN</title></head><body>
<h1>Sitio de la DIAN</h1>
<script>window.citasEvents = []; window.globalsBefore = Object.keys(window);
['citas:booked', 'citas:cancelled'].forEach((t) => document.addEventListener(t, (e) => citasEvents.push({ type: e.type, detail: e.detail })));</script>
<script src="${app}/widget.js" ${attributes} async></script>
</body></html>`;
}

async function serveHost(port: number, html: string): Promise<Server> {
  const server = createServer((_, response) => { response.setHeader('content-type', 'text/html'); response.end(html); });
  await new Promise<void>((ready) => server.listen(port, '127.0.0.1', ready));
  return server;
}

/** The default configuration, allowing `origin` to embed. */
function configAllowing(origin: string) {
  const defaults = readFileSync(resolve(__dirname, '../../../crates/server/config/default.toml'), 'utf8');
  const path = join(mkdtempSync(join(tmpdir(), 'citas-config-')), 'citas.toml');
  writeFileSync(path, defaults.replace('allowed_origins = ["https://www.dian.gov.co"]', `allowed_origins = ["https://www.dian.gov.co", "${origin}"]`));
  return path;
}

test('a page on an allowed site embeds the wizard, books inside it and hears citas:booked', async ({ page }) => {
  const [appPort, hostPort] = [await freePort(), await freePort()];
  const app = new OwnServer(appPort);
  await app.start(DIST, ['--config', configAllowing(`http://127.0.0.1:${hostPort}`)]);
  const host = await serveHost(hostPort, hostPage(app.url, 'data-office="cali" data-service="dudas"'));
  try {
    await page.goto(`http://127.0.0.1:${hostPort}/`);
    const widget = page.frameLocator('iframe[data-citas]');
    // Office and service preselected: the wizard opens at the date, without the GOV.CO bar.
    await expect(widget.getByRole('heading', { level: 1 })).toHaveText('¿Qué día quiere ir?');
    await expect(widget.locator('.govco-bar')).toHaveCount(0);
    await expect(widget.locator('main')).toContainText('Oficina de Cali.');
    await widget.getByRole('link', { name: /^viernes 11 de diciembre de 2026: \d+ cupos? libres?/ }).click();
    await widget.getByLabel(/^10:30\sa\.\sm\./).check();
    await widget.getByRole('button', { name: 'Continuar' }).click();
    await widget.getByLabel('Número de documento').fill('31234567');
    await widget.getByLabel('Nombre completo').fill('Piedad Zapata');
    await widget.getByRole('button', { name: 'Continuar' }).click();
    await widget.getByRole('checkbox').check();
    await widget.getByRole('button', { name: 'Confirmar la cita' }).click();
    await expect(widget.getByRole('heading', { level: 1 })).toHaveText('Su cita está agendada');

    await expect.poll(() => page.evaluate(() => (window as any).citasEvents)).toEqual([
      { type: 'citas:booked', detail: { office: 'cali', service: 'dudas' } },
    ]);
    // The iframe follows its content's height.
    await expect(page.locator('iframe[data-citas]')).toHaveAttribute('style', /height: \d+px/);
    // One element added to the host page, and no globals.
    expect(await page.evaluate(() => document.querySelectorAll('body > *').length)).toBe(4);
    // (Frames show up on window by index; globalsBefore is the test's own.)
    expect(await page.evaluate(() => Object.keys(window).filter((k) =>
      !(window as any).globalsBefore.includes(k) && k !== 'globalsBefore' && !/^\d+$/.test(k)))).toEqual([]);
  } finally {
    host.close();
    await app.stop();
  }
});

test('a site not in the allow-list cannot frame the app', async ({ page, request }) => {
  const [appPort, allowedPort, otherPort] = [await freePort(), await freePort(), await freePort()];
  const app = new OwnServer(appPort);
  await app.start(DIST, ['--config', configAllowing(`http://127.0.0.1:${allowedPort}`)]);
  const stranger = await serveHost(otherPort, hostPage(app.url, 'data-office="cali"'));
  try {
    const headers = (await request.get(`${app.url}/embed`)).headers();
    expect(headers['content-security-policy']).toMatch(new RegExp(`; frame-ancestors 'self' https://www\\.dian\\.gov\\.co http://127\\.0\\.0\\.1:${allowedPort}$`));
    await page.goto(`http://127.0.0.1:${otherPort}/`);
    await expect(page.locator('iframe[data-citas]')).toHaveCount(1);
    // The browser refuses to show the app there.
    await page.waitForTimeout(1500);
    await expect(page.frameLocator('iframe[data-citas]').locator('.brand')).toHaveCount(0);
  } finally {
    stranger.close();
    await app.stop();
  }
});

test('widget.js stays under 2 KB gzipped', async () => {
  const script = readFileSync(join(DIST, 'widget.js'));
  expect(gzipSync(script, { level: 9 }).length).toBeLessThan(2048);
});

test('in a 300 px frame no word of a button breaks across lines', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 300, height: 640 }, locale: 'es-CO' });
  const page = await context.newPage();
  await page.goto('/embed?oficina=cali&servicio=dudas');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('¿Qué día quiere ir?');
  await expect(page.getByRole('button', { name: 'Read this site in English' })).toBeVisible();
  expect(await brokenWords(page)).toEqual([]);
  await context.close();
});
