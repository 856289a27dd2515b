import { test, expect } from '@playwright/test';
import { expectAccessible } from './fixtures';

const details = '/agendar/datos?servicio=dudas&oficina=ipiales&fecha=2026-12-11&hora=10:00';

test('the kept time counts down in minutes, warns two minutes before, and can be extended once', async ({ page }) => {
  // The page's clock is Playwright's, so minutes pass in milliseconds; the server's clock is real.
  await page.clock.install();
  await page.goto('/agendar/hora?servicio=dudas&oficina=ipiales&fecha=2026-12-11');
  await page.getByLabel(/^10:00\sa\.\sm\./).check();
  const kept = page.getByText('Le guardamos esta hora 10 minutos más.');
  await expect(kept).toBeVisible();
  // Said just above the button that moves on, where the citizen looks next.
  const next = page.getByRole('button', { name: 'Continuar' });
  const [above, button] = [await kept.boundingBox(), await next.boundingBox()];
  expect(above!.y + above!.height).toBeLessThanOrEqual(button!.y);
  await next.click();
  await expect(page).toHaveURL(details);

  await page.clock.fastForward('05:00');
  await expect(page.getByText('Le guardamos esta hora 5 minutos más.')).toBeVisible();
  await page.clock.fastForward('03:30');
  const warning = page.getByRole('alert').filter({ hasText: 'Le quedan menos de 2 minutos para confirmar.' });
  await expect(warning).toBeVisible();
  await expectAccessible(page);
  await warning.getByRole('button', { name: 'Necesito más tiempo' }).click();
  await expect(page.getByText('Le guardamos esta hora 10 minutos más.')).toBeVisible();
  await expect(warning).toHaveCount(0);

  await page.clock.fastForward('08:30');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Ya usó la extensión de tiempo.');
  await page.clock.fastForward('02:00');
  await expect(page.getByRole('alert')).toContainText('Se venció el tiempo y la hora quedó libre para otras personas.');
  await page.getByRole('link', { name: 'Elija de nuevo una hora' }).click();
  await expect(page).toHaveTitle(/Paso 4 de 6: Hora/);
});

test('leaving the page frees the kept time for others, and coming back keeps it again', async ({ page, browser }) => {
  // Ipiales has one desk.
  const times = '/agendar/hora?servicio=dudas&oficina=ipiales&fecha=2026-12-14';
  await page.goto(times);
  await page.getByLabel(/^11:00\sa\.\sm\./).check();
  await expect(page.getByText(/Le guardamos esta hora \d+ minutos más/)).toBeVisible();

  const second = await browser.newContext();
  const other = await second.newPage();
  await other.goto(times);
  await expect(other.getByLabel(/^11:00\sa\.\sm\./)).toBeDisabled();

  await page.goto('about:blank');
  // The release is a beacon sent as the page goes: it arrives a moment later.
  await expect(async () => {
    await other.reload();
    await expect(other.getByLabel(/^11:00\sa\.\sm\./)).toBeEnabled({ timeout: 500 });
  }).toPass({ timeout: 5000 });

  await page.goBack();
  await expect(page.getByText(/Le guardamos esta hora \d+ minutos más/)).toBeVisible();
  await other.reload();
  await expect(other.getByLabel(/^11:00\sa\.\sm\./)).toBeDisabled();
  await second.close();
});
