import { test, expect } from '@playwright/test';
import { expectAccessible } from './fixtures';

test('closed days say why, and only days with seats can be chosen', async ({ page }) => {
  await page.goto('/agendar/fecha?servicio=dudas&oficina=bogota');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('¿Qué día quiere ir?');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const calendar = page.locator('.calendar');
  await expect(calendar).toContainText('martes 8 de diciembre de 2026: festivo (Inmaculada Concepción)');
  // Offices never attend on weekends: the grid has Monday to Friday only.
  await expect(calendar.first().locator('th')).toHaveText(['lu', 'ma', 'mi', 'ju', 'vi']);
  await expect(calendar).not.toContainText('sábado');
  await expect(page.getByRole('link', { name: /^martes 8 de diciembre/ })).toHaveCount(0);
  await expect(page.locator('.closed-days')).toContainText('viernes 25 de diciembre de 2026: festivo (Navidad)');
  await expectAccessible(page);
});

test('steps are routes: reload and back keep the choices', async ({ page }) => {
  await page.goto('/agendar/hora?servicio=dudas&oficina=cali&fecha=2026-12-09');
  await expect(page.getByRole('group', { name: 'miércoles 9 de diciembre de 2026' })).toBeVisible();
  await page.getByLabel(/^11:00\sa\.\sm\./).check();
  // The seat is kept once the server says so; a reload before that would lose track of it.
  await expect(page.getByText(/^Le guardamos esta hora/)).toBeVisible();
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page).toHaveURL(/\/agendar\/datos\?servicio=dudas&oficina=cali&fecha=2026-12-09&hora=11:00$/);
  await page.reload();
  await expect(page).toHaveTitle(/Paso 5 de 6/);
  await page.goBack();
  await expect(page).toHaveTitle(/Paso 4 de 6/);
  await expect(page.getByLabel(/^11:00\sa\.\sm\./)).toBeChecked();
  // A step opened without the choices it needs sends the citizen to the missing one.
  await page.goto('/agendar/hora?servicio=dudas');
  await expect(page).toHaveTitle(/Paso 2 de 6: Ciudad/);
});

test('a reload before the server keeps the chosen time still keeps it for the citizen', async ({ page }) => {
  // The server keeps the seat, but its answer reaches a page that has been reloaded meanwhile.
  let delayed = false;
  await page.route('**/api/v1/holds', async (route) => {
    const response = await route.fetch();
    if (!delayed) {
      delayed = true;
      await page.reload();
      return;
    }
    await route.fulfill({ response });
  });
  await page.goto('/agendar/hora?servicio=dudas&oficina=cali&fecha=2026-12-10');
  await expect(page.getByRole('group', { name: 'jueves 10 de diciembre de 2026' })).toBeVisible();
  await page.getByLabel(/^2:00\sp\.\sm\./).check();
  // After the reload the step takes the noted time again: one desk, and the seat is this
  // browser's, so the time stays chosen and kept instead of showing as taken.
  await expect(page.getByText(/^Le guardamos esta hora/)).toBeVisible();
  await expect(page.getByLabel(/^2:00\sp\.\sm\./)).toBeChecked();
  await expect(page.getByLabel(/^2:00\sp\.\sm\./)).toBeEnabled();
  expect(delayed).toBe(true);
});

test('invalid identification is explained beside the field', async ({ page }) => {
  await page.goto('/agendar/datos?servicio=dudas&oficina=cali&fecha=2026-12-09&hora=11:00');
  await page.getByLabel('NIT').check();
  const number = page.getByLabel('Número de NIT con dígito de verificación');
  await number.fill('800197268-5');
  await page.getByLabel('Nombre completo').fill('Inversiones El Dorado S.A.S.');
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(number).toBeFocused();
  await expect(page.locator('#numero-error')).toContainText('El dígito de verificación no corresponde a ese NIT');
  await expect(number).toHaveAttribute('aria-describedby', 'numero-pista numero-error');
  await expectAccessible(page);
  // Corrected as typed, the message goes away and the review opens.
  await number.fill('800.197.268-4');
  await expect(page.locator('#numero-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page).toHaveTitle(/Paso 6 de 6/);
  await expect(page.locator('main')).toContainText('NIT 800.197.268-4');
});

test('a name with an invisible character is explained beside the field, by the browser', async ({ page }) => {
  // The browser's own Unicode (String.normalize, \p{C}) checks what the server's tables check.
  await page.goto('/agendar/datos?servicio=dudas&oficina=cali&fecha=2026-12-09&hora=11:00');
  await page.getByLabel('Número de documento').fill('1.020.304.050');
  const name = page.getByLabel('Nombre completo');
  await name.fill('Ana\u200BMaría Pérez');
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('main')).toContainText('El nombre tiene caracteres invisibles o de control');
  await name.fill('Ana María Pérez');
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page).toHaveTitle(/Paso 6 de 6/);
  // Every answer on the review can be changed from its own row, and says which.
  const details = '/agendar/datos?servicio=dudas&oficina=cali&fecha=2026-12-09&hora=11:00';
  await expect(page.getByRole('link', { name: 'Cambiar fecha' })).toHaveAttribute('href', /^\/agendar\/fecha\?/);
  for (const row of ['documento', 'nombre']) {
    await expect(page.getByRole('link', { name: `Cambiar ${row}` })).toHaveAttribute('href', details);
  }
  await page.getByRole('link', { name: 'Cambiar nombre' }).click();
  await expect(page.getByLabel('Nombre completo')).toHaveValue('Ana María Pérez');
});

test('continuing without a choice brings the message into view, focused on the first option', async ({ page }) => {
  await page.goto('/agendar/ciudad?servicio=dudas');
  const button = page.getByRole('button', { name: 'Continuar' });
  await button.scrollIntoViewIfNeeded();
  await button.click();
  await expect(page.locator('#oficina-error')).toContainText('Elija la ciudad donde quiere ser atendido.');
  await expect(page.locator('#oficina-error')).toBeInViewport();
  await expect(page.getByRole('radio').first()).toBeFocused();
  await expectAccessible(page);
});

test('unknown pages say so, and the API answers in its own error shape', async ({ page, request }) => {
  await page.goto('/no-existe');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No encontramos esta página');
  const response = await request.get('/api/v1/offices/narnia/availability');
  expect(response.status()).toBe(404);
  expect((await response.json()).error.code).toBe('unknown_office');
});
