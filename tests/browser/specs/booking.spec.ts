import { expect } from '@playwright/test';
import { test, chooseUpToReview, expectAccessible, bookViaApi, proofOfWork } from './fixtures';

test('a citizen books from the first screen to the confirmation', async ({ page }) => {
  await chooseUpToReview(page, {
    city: 'Bogotá', day: 'miércoles 2 de diciembre de 2026', time: '8:00 a. m.',
    document: '1.020.304.050', name: 'Ana María Pérez',
  });
  await expect(page.getByText('Solo se atenderá la solicitud del documento Cédula de ciudadanía 1.020.304.050.')).toBeVisible();
  await expect(page.getByText('Preséntese a las 7:45 a. m.')).toBeVisible();
  await expectAccessible(page);

  // Consent is never pre-ticked, and is required.
  const consent = page.getByRole('checkbox');
  await expect(consent).not.toBeChecked();
  await page.getByRole('button', { name: 'Confirmar la cita' }).click();
  await expect(page.getByText('Para agendar la cita debe marcar la autorización.')).toBeVisible();
  await consent.check();
  await page.getByRole('button', { name: 'Confirmar la cita' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Su cita está agendada');
  const code = (await page.locator('.code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
  await expect(page).toHaveURL(`/cita/${code}`);
  const main = page.locator('main');
  await expect(main).toContainText('Preséntese a las 7:45 a. m.');
  await expect(main).toContainText('miércoles 2 de diciembre de 2026');
  await expect(main).toContainText('8:00 a. m.');
  await expect(main).toContainText('Carrera 8 n.º 6C-38, Edificio San Agustín, Bogotá');
  await expect(main).toContainText('CC •••050');
  await expect(main).not.toContainText('1020304050');
  await expectAccessible(page);

  // The calendar file describes the same appointment.
  const ics = page.getByRole('link', { name: 'Añadir a mi calendario' });
  await expect(ics).toHaveAttribute('download', `cita-defensoria-${code}.ics`);
  const href = decodeURIComponent((await ics.getAttribute('href'))!);
  expect(href).toContain('BEGIN:VCALENDAR');
  expect(href).toContain('DTSTART:20261202T130000Z');

  // Reopening the confirmation (reload) works from the device's memory.
  await page.reload();
  await expect(page.locator('.code')).toHaveText(code);
  await page.goto('/');
  await expect(page.getByRole('link', { name: /Bogotá · miércoles 2 de diciembre de 2026, 8:00\sa\.\sm\./ })).toBeVisible();
});

test('a second booking with the same cédula is refused in view, with the way out, and its seat let go', async ({ page, request }) => {
  await bookViaApi(request, 'medellin', '2026-12-03T09:00:00-05:00', '52345678');
  await chooseUpToReview(page, {
    city: 'Cali', day: 'jueves 3 de diciembre de 2026', time: '10:00 a. m.',
    document: '52.345.678', name: 'Luis Gómez',
  });
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Confirmar la cita' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Ese documento ya tiene una cita agendada' });
  // The button is at the bottom of a long page: the refusal comes into view, and takes focus.
  await expect(alert).toBeInViewport();
  await expect(alert).toBeFocused();
  await expect(page).toHaveTitle(/Paso 6 de 6/);
  await expect(alert).toContainText('La hora que tenía guardada quedó libre para otras personas.');
  await expect(alert.getByRole('link', { name: 'Consultar, cambiar o cancelar la cita que ya tiene' }))
    .toHaveAttribute('href', '/mi-cita');
  // The seat that was held for this booking is free again for others.
  await expect.poll(async () => {
    const availability = await (await request.get('/api/v1/offices/cali/availability?from=2026-12-03&to=2026-12-03')).json();
    const slot = availability.days[0].slots.find((s: { start: string }) => s.start.startsWith('2026-12-03T10:00'));
    return slot.available === slot.capacity;
  }).toBe(true);
  // With that seat gone, the page no longer offers to book it nor says when to arrive for it.
  await expect(page.getByRole('button', { name: 'Confirmar la cita' })).toBeHidden();
  await expect(page.getByText(/Preséntese a las/)).toBeHidden();
  await expectAccessible(page);
});

test('a chosen time is kept while typing, and if lost the citizen goes back to fresh times', async ({ page, request }) => {
  await chooseUpToReview(page, {
    city: 'Pasto', day: 'viernes 4 de diciembre de 2026', time: '9:00 a. m.',
    document: '79876543', name: 'Carlos Rodríguez',
  });
  await expect(page.getByText(/Le guardamos esta hora \d+ minutos más/)).toBeVisible();
  // Pasto has one desk, and this citizen holds it: nobody else can take 9:00 meanwhile.
  const meanwhile = await request.post('/api/v1/appointments', {
    headers: await proofOfWork(request),
    data: { office: 'pasto', service: 'dudas', start: '2026-12-04T09:00:00-05:00', name: 'Otra Persona',
            consent: true, document: { kind: 'CC', number: '41234567' } },
  });
  expect(meanwhile.status()).toBe(409);

  // The hold lapses (here: released, as when the page is left) and someone else takes the seat.
  const held = await page.evaluate(() => JSON.parse(sessionStorage.getItem('citas.reserva')!).id);
  expect((await request.delete(`/api/v1/holds/${held}`)).status()).toBe(204);
  await bookViaApi(request, 'pasto', '2026-12-04T09:00:00-05:00', '41234567');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Confirmar la cita' }).click();

  await expect(page).toHaveTitle(/Paso 4 de 6: Hora/);
  await expect(page.getByRole('alert').first()).toContainText('Se venció el tiempo para confirmar esa hora');
  await expect(page.getByLabel(/^9:00\sa\.\sm\./)).toBeDisabled();
  await expectAccessible(page);
  // What was typed is still there: choose another time and confirm.
  await page.getByLabel(/^9:30\sa\.\sm\./).check();
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.getByLabel('Número de documento')).toHaveValue('79876543');
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Confirmar la cita' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Su cita está agendada');
  await expect(page.locator('main')).toContainText('9:30 a. m.');
});
