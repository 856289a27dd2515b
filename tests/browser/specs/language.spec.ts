// Spanish by default; English follows the browser on a first visit, is a switch on every
// screen, and is remembered. Dates, times and the server's refusals follow the language.
import { test, expect } from '@playwright/test';
import { bookViaApi, expectAccessible } from './fixtures';

test('an English browser gets English, booking included, with English dates and refusals', async ({ browser, request }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Book your appointment with the Taxpayer Ombudsman');
  await page.getByRole('link', { name: 'Book an appointment' }).click();
  await expect(page).toHaveTitle('Step 1 of 6: Service — Appointment booking');
  await page.getByLabel(/Questions about a DIAN procedure/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/^Manizales/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('.calendar').first().locator('th')).toHaveText(['Mo', 'Tu', 'We', 'Th', 'Fr']);
  await expect(page.locator('.closed-days')).toContainText('Tuesday, December 8, 2026: public holiday (Immaculate Conception)');
  await page.getByRole('link', { name: /^Thursday, December 17, 2026: \d+ free seats?/ }).click();
  await page.getByLabel(/^2:00\sPM/).check();
  await expect(page.getByText('We keep this time for you 10 more minutes.')).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Document number').fill('33456789');
  await page.getByLabel('Full name').fill('Laura Giraldo');
  await page.getByLabel('Email (optional)').fill('laura@');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('#correo-error')).toContainText('Check the email address');
  await page.getByLabel('Email (optional)').fill('laura@example.co');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('main')).toContainText('Only the request of document Citizenship card (cédula de ciudadanía) 33.456.789 will be attended.');
  await expect(page.locator('main')).toContainText('Arrive at 1:45 PM (15 minutes before your appointment).');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Confirm the appointment' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your appointment is booked');
  await expect(page.locator('main')).toContainText('Arrive at 1:45 PM (15 minutes before) on Thursday, December 17, 2026.');
  await expectAccessible(page);

  // The server's refusals come in English too.
  await bookViaApi(request, 'pasto', '2026-12-18T09:00:00-05:00', '44556677');
  await page.goto('/agendar/datos?servicio=dudas&oficina=pasto&fecha=2026-12-18&hora=10:00');
  await page.getByLabel('Document number').fill('44556677');
  await page.getByLabel('Full name').fill('Mario Benavides');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Confirm the appointment' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That document already has an appointment.' })).toBeVisible();
  await context.close();
});

test('the switch is on every screen, changes everything at once, and is remembered', async ({ page }) => {
  await page.goto('/agendar/fecha?servicio=dudas&oficina=cali');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('¿Qué día quiere ir?');
  const toEnglish = page.getByRole('button', { name: 'Read this site in English' });
  await expect(toEnglish).toHaveAttribute('lang', 'en');
  await toEnglish.click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Which day do you want to go?');
  await expect(page).toHaveTitle('Step 3 of 6: Date — Appointment booking');
  await expect(page.locator('.calendar caption').first()).toHaveText('December 2026');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Which day do you want to go?');
  await page.getByRole('button', { name: 'Leer este sitio en español' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('¿Qué día quiere ir?');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
});
