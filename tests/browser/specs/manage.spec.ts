import { expect, Page } from '@playwright/test';
import { test, atServerTime, chooseUpToReview, expectAccessible, proofOfWork } from './fixtures';

async function bookThroughTheWizard(page: Page, args: Parameters<typeof chooseUpToReview>[1]) {
  await chooseUpToReview(page, args);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Confirmar la cita' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Su cita está agendada');
  return (await page.locator('.code').textContent())!.trim();
}

test('find an appointment with code and cédula, move it to another day, then cancel it', async ({ page, browser }) => {
  const code = await bookThroughTheWizard(page, {
    city: 'Medellín', day: 'lunes 7 de diciembre de 2026', time: '10:00 a. m.',
    document: '1.098.765.432', name: 'Sofía Restrepo',
  });

  // Another device: nothing remembered, so the citizen finds it with code and cédula.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-CO' });
  await atServerTime(phone);
  const other = await phone.newPage();
  await other.goto('/');
  await other.getByRole('link', { name: 'Consultar, cambiar o cancelar una cita' }).click();
  await expect(other).toHaveTitle(/Mi cita/);
  await expectAccessible(other);
  await other.getByLabel('Código de la cita').fill(code.toLowerCase().replace('-', ''));
  await other.getByLabel('Número de documento').fill('1098765431');
  await other.getByRole('button', { name: 'Buscar mi cita' }).click();
  await expect(other.getByRole('alert')).toContainText('No encontramos una cita con ese código y ese documento');
  await other.getByLabel('Número de documento').fill('1098765432');
  await other.getByRole('button', { name: 'Buscar mi cita' }).click();
  await expect(other).toHaveURL(`/cita/${code}`);
  await expect(other.locator('main')).toContainText('lunes 7 de diciembre de 2026');
  await expectAccessible(other);

  // Move it: the date and time steps, showing the current appointment, then confirm.
  await other.getByRole('link', { name: 'Cambiar fecha u hora' }).click();
  await expect(other).toHaveTitle(/Cambio de cita: paso 1 de 3: Fecha/);
  await expect(other.locator('main')).toContainText(`Está cambiando su cita ${code} del lunes 7 de diciembre de 2026 a las 10:00 a. m., en Medellín.`);
  await expectAccessible(other);
  await other.getByRole('link', { name: /^miércoles 9 de diciembre de 2026: \d+ cupos? libres?/ }).click();
  await expect(other).toHaveTitle(/Cambio de cita: paso 2 de 3: Hora/);
  await other.getByLabel(/^2:30\sp\.\sm\./).check();
  await other.getByRole('button', { name: 'Continuar' }).click();
  await expect(other).toHaveTitle(/Cambio de cita: paso 3 de 3/);
  await expect(other.locator('main')).toContainText('miércoles 9 de diciembre de 2026, 2:30 p. m.');
  await expectAccessible(other);
  await other.getByRole('button', { name: 'Confirmar el cambio' }).click();
  await expect(other).toHaveURL(`/cita/${code}`);
  await expect(other.getByRole('status').filter({ hasText: 'Listo: su cita quedó para el miércoles 9 de diciembre de 2026 a las 2:30 p. m.' })).toBeVisible();
  await expect(other.locator('main')).toContainText('Preséntese a las 2:15 p. m.');
  const ics = decodeURIComponent((await other.getByRole('link', { name: 'Añadir a mi calendario' }).getAttribute('href'))!);
  expect(ics).toContain('DTSTART:20261209T193000Z');

  // Cancel, after a confirmation that says what it means.
  await other.getByRole('link', { name: 'Cancelar la cita' }).click();
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('¿Cancelar su cita?');
  await expect(other.locator('main')).toContainText('quedará libre de inmediato para otra persona');
  await expectAccessible(other);
  await other.getByRole('button', { name: 'Sí, cancelar la cita' }).click();
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Esta cita fue cancelada');
  await expect(other.getByRole('status').filter({ hasText: 'El turno quedó libre para otra persona' })).toBeVisible();
  await expectAccessible(other);
  await phone.close();

  // Back on the first device, after a reload the document must be typed again to act.
  await page.reload();
  // What this device kept says it is booked, and says that it may no longer be so.
  const deviceCopy = page.getByText('Así la guardó este dispositivo. Para ver si se cambió o se canceló desde otro lugar');
  await expect(deviceCopy).toBeVisible();
  await expect(page.getByText('Para cambiar o cancelar la cita, o para ver o borrar sus datos, escriba el documento')).toBeVisible();
  await page.getByLabel('Número de documento').fill('1098765432');
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Esta cita fue cancelada');
  await expect(deviceCopy).toBeHidden();
});

test('a cancelled seat is free at once for a second citizen on another browser', async ({ page, browser }) => {
  // Armenia has one desk.
  const code = await bookThroughTheWizard(page, {
    city: 'Armenia', day: 'jueves 10 de diciembre de 2026', time: '8:00 a. m.',
    document: '24567890', name: 'Marta Quintero',
  });
  const second = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-CO' });
  await atServerTime(second);
  const other = await second.newPage();
  const times = '/agendar/hora?servicio=dudas&oficina=armenia&fecha=2026-12-10';
  await other.goto(times);
  await expect(other.getByLabel(/^8:00\sa\.\sm\./)).toBeDisabled();
  await expect(other.locator('main')).toContainText('sin cupos');

  await page.getByRole('link', { name: 'Cancelar la cita' }).click();
  await page.getByRole('button', { name: 'Sí, cancelar la cita' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Esta cita fue cancelada');

  await other.reload();
  await expect(other.getByLabel(/^8:00\sa\.\sm\./)).toBeEnabled();
  await other.getByLabel(/^8:00\sa\.\sm\./).check();
  await expect(other.getByText(/Le guardamos esta hora \d+ minutos más/)).toBeVisible();
  // Now the second citizen holds it: the first cannot take it back meanwhile.
  const response = await page.request.post('/api/v1/appointments', {
    headers: await proofOfWork(page.request),
    data: { office: 'armenia', service: 'dudas', start: '2026-12-10T08:00:00-05:00', name: 'Marta Quintero',
            consent: true, document: { kind: 'CC', number: '24567890' } },
  });
  expect(response.status()).toBe(409);
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await second.close();
});

test('a change confirmed before its new time was kept leaves no seat kept for nobody', async ({ page, request }) => {
  await bookThroughTheWizard(page, {
    city: 'Bogotá', day: 'jueves 10 de diciembre de 2026', time: '9:00 a. m.',
    document: '1.122.334.455', name: 'Marta Lucía Ríos',
  });
  // The new time's hold is slow to go (a slow phone's proof of work, a slow network), and the
  // citizen confirms the change before it is answered.
  await page.route('**/api/v1/holds', async (route) => {
    await new Promise((done) => setTimeout(done, 2000));
    await route.continue();
  });
  await page.getByRole('link', { name: 'Cambiar fecha u hora' }).click();
  await page.getByRole('link', { name: /^viernes 11 de diciembre de 2026: \d+ cupos? libres?/ }).click();
  await page.getByLabel(/^11:00\sa\.\sm\./).check();
  const held = page.waitForResponse((r) => r.url().endsWith('/api/v1/holds') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('button', { name: 'Confirmar el cambio' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Listo: su cita quedó para el viernes 11 de diciembre de 2026' })).toBeVisible();
  // Nothing is left to ask for again on a later visit to the booking steps.
  expect(await page.evaluate(() => sessionStorage.getItem('citas.reserva.pedida'))).toBeNull();
  expect((await held).status()).toBe(201);
  // The hold that came too late is let go: of 11:00's seats only the moved appointment's is taken.
  await expect.poll(async () => {
    const availability = await (await request.get('/api/v1/offices/bogota/availability?from=2026-12-11&to=2026-12-11')).json();
    const slot = availability.days[0].slots.find((s: { start: string }) => s.start.startsWith('2026-12-11T11:00'));
    return slot.capacity - slot.available;
  }).toBe(1);
});
