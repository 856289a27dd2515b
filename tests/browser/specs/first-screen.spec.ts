// Before the wasm has arrived (a slow network), "/" already shows the first screen, whose
// links work as plain links; other addresses say that the page is loading.
import { test, expect, Page } from '@playwright/test';

/** Holds back the app's code until `release` is called. */
async function withoutApp(page: Page) {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/pkg-[0-9a-f]+\//, async (route) => {
    await held;
    await route.continue();
  });
  return () => release();
}

test('the first screen is readable and its way in works before the app starts', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-CO', serviceWorkers: 'block' });
  const page = await context.newPage();
  const release = await withoutApp(page);
  // Not 'domcontentloaded': that waits for the held module script.
  await page.goto('/', { waitUntil: 'commit' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agende su cita con la Defensoría del Contribuyente');
  await expect(page.getByText('Llegue 15 minutos antes de la hora de su cita.', { exact: false })).toBeVisible();
  await expect(page.getByText('Cargando…', { exact: true })).toBeHidden();
  // No app yet: the language switch is the app's own.
  await expect(page.getByRole('button', { name: /English|inglés/i })).toHaveCount(0);

  await page.getByRole('link', { name: 'Agendar una cita' }).click({ noWaitAfter: true });
  await expect(page).toHaveURL(/\/agendar\/servicio$/);
  await expect(page.getByText('Cargando…', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);

  release();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('¿Para qué necesita la cita?');
  await expect(page.getByText('Cargando…', { exact: true })).toHaveCount(0);
  await context.close();
});

test('before the app starts, the first screen is in the language the app will show', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US', serviceWorkers: 'block' });
  const page = await context.newPage();
  const release = await withoutApp(page);
  await page.goto('/', { waitUntil: 'commit' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Book your appointment with the Taxpayer Ombudsman');
  await expect(page.getByRole('link', { name: 'Book an appointment' })).toBeVisible();
  await expect(page.getByText('Agende su cita', { exact: false })).toBeHidden();

  // The language picked on this device wins over the browser's, as in the app.
  await page.evaluate(() => localStorage.setItem('citas.idioma', JSON.stringify('es')));
  await page.reload({ waitUntil: 'commit' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agende su cita con la Defensoría del Contribuyente');
  release();
  // The app keeps the page as it was: the same heading, in the same language.
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agende su cita con la Defensoría del Contribuyente');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await context.close();
});

test('on "/" the app is downloaded only after the first screen is painted', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-CO', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
  const [painted, requested] = await page.evaluate(() => [
    performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    performance.getEntriesByType('resource').find((r) => r.name.endsWith('/citas_bg.wasm'))?.startTime,
  ]);
  expect(painted).toBeGreaterThan(0);
  expect(requested).toBeGreaterThanOrEqual(painted!);
  await context.close();
});

test('a browser without paint timing still starts the app on "/"', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-CO', serviceWorkers: 'block' });
  const page = await context.newPage();
  // Such a browser does not list the entry type, and silently never calls an observer of it:
  // the loader must not wait for one.
  await page.addInitScript(() => {
    Object.defineProperty(PerformanceObserver, 'supportedEntryTypes', { value: ['resource'] });
    const observe = PerformanceObserver.prototype.observe;
    PerformanceObserver.prototype.observe = function (options) {
      if (options?.type !== 'paint') observe.call(this, options);
    };
  });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
  await context.close();
});
