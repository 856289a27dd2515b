// The first screen downloads only its own code; the code of a later screen comes on its first
// visit (xtask splits the wasm at src/later.rs). The service worker is blocked here: it would
// fetch every part in the background after the first screen, on purpose.
import { test, expect } from '@playwright/test';

test('the first screen fetches one wasm file; the directory fetches its part when opened', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'es-CO', serviceWorkers: 'block' });
  const page = await context.newPage();
  const wasm: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });

  await page.goto('/');
  // index.html shows the first screen's links before the app starts; the app removes that
  // stand-in once its wasm has run.
  await expect(page.locator('#cargando')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Agendar una cita' })).toBeVisible();
  expect(wasm).toEqual([expect.stringMatching(/^\/pkg-[0-9a-f]{16}\/citas_bg\.wasm$/)]);

  await page.getByRole('link', { name: 'Ver oficinas y direcciones' }).click();
  await expect(page.locator('.offices li')).toHaveCount(18);
  expect(wasm.length).toBeGreaterThan(1);
  expect(wasm.every((path) => path.startsWith(wasm[0].slice(0, 22)))).toBe(true);
  await context.close();
});

test('a part that cannot be fetched is said, and trying again opens it', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'es-CO', serviceWorkers: 'block' });
  const page = await context.newPage();
  let offline = true;
  await page.route(/\/pkg-[0-9a-f]+\/split_information/, (route) => (offline ? route.abort() : route.continue()));

  await page.goto('/');
  await page.getByRole('link', { name: 'Ver oficinas y direcciones' }).click();
  await expect(page.getByRole('alert')).toHaveText(/No pudimos conectarnos con el servicio/);

  offline = false;
  await page.getByRole('button', { name: 'Intentar de nuevo' }).click();
  await expect(page.locator('.offices li')).toHaveCount(18);
  await context.close();
});

test('a link straight to a later screen opens without moving the page under the reader', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'es-CO', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    (window as any).shifted = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) if (!entry.hadRecentInput) (window as any).shifted += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // Both wait for their part of the code, then for the offices from the API.
  await page.goto('/oficinas');
  await expect(page.locator('.offices li')).toHaveCount(18);
  await page.goto('/oficinas/cali');
  await expect(page.getByRole('link', { name: 'Agendar en Cali' })).toBeVisible();
  await page.waitForTimeout(500);
  // Web Vitals call a layout shift under 0.1 good; the office's next free times, arriving
  // last, move the services list below them a little.
  expect(await page.evaluate(() => (window as any).shifted)).toBeLessThan(0.1);
  await context.close();
});
