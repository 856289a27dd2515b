// The waiting list: joining from the date step and leaving, by keyboard alone; a document already
// on a list refused beside its field; and a cancelled seat offered to the first in line, who
// books it from the offer's page. The server's offer task runs every second here (server.ts).
import { expect, Locator, Page, APIRequestContext } from '@playwright/test';
import { test, expectAccessible, proofOfWork } from './fixtures';

/** Presses Tab until `target` has focus. */
async function tabTo(page: Page, target: Locator, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Types into the focused field, replacing what it had. */
async function retype(page: Page, text: string) {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

async function joinViaApi(request: APIRequestContext, office: string, from: string, until: string, cedula: string) {
  const response = await request.post('/api/v1/waitlist', {
    headers: await proofOfWork(request),
    data: {
      office, service: 'dudas', from, until, name: 'Rosa Primera', email: 'rosa@example.co', consent: true,
      document: { kind: 'CC', number: cedula },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
}

test('a citizen joins the waiting list from the date step and leaves it, by keyboard alone', async ({ page, request }) => {
  await page.goto('/agendar/fecha?servicio=dudas&oficina=tunja');
  await expect(page).toHaveTitle(/Paso 3 de 6: Fecha/);
  await expect(page.getByText('¿Ninguno de estos días le sirve?')).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: 'Inscribirme en la lista de espera' }));
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL('/lista-de-espera/unirse?servicio=dudas&oficina=tunja');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Inscribirse en la lista de espera');
  await expect(heading).toBeFocused();
  // The wizard's choices came along, and the dates start as the whole booking window.
  await expect(page.getByLabel('Servicio')).toHaveValue('dudas');
  await expect(page.getByLabel('Oficina')).toHaveValue('tunja');
  await expect(page.getByLabel('Primer día')).toHaveValue('2026-12-01');
  await expect(page.getByLabel('Último día')).toHaveValue('2026-12-31');
  await expect(page.getByLabel('Último día')).toHaveAttribute('max', '2026-12-31');
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'light' });

  // Mornings only: arrow keys move within the group.
  await tabTo(page, page.getByLabel('A cualquier hora'));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Solo en la mañana (antes de las 12 m.)')).toBeChecked();
  await tabTo(page, page.getByLabel('Número de documento'));
  await page.keyboard.type('1.030.405.060');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Nombre completo')).toBeFocused();
  await page.keyboard.type('Teresa Espera');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Correo electrónico', { exact: true })).toBeFocused();
  await page.keyboard.type('teresa@example.co');
  await tabTo(page, page.getByRole('checkbox'));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Inscribirme en la lista de espera' }));
  await page.keyboard.press('Enter');

  await expect(heading).toHaveText('Está en la lista de espera');
  await expect(heading).toBeFocused();
  const code = (await page.locator('.code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
  const main = page.locator('main');
  await expect(main).toContainText('Es el número 1 en la fila de Tunja.');
  await expect(main).toContainText(/Le guardamos ese cupo durante 2\shoras/);
  await expect(main).toContainText('Del martes 1 de diciembre de 2026 al jueves 31 de diciembre de 2026');
  await expect(main).toContainText('Solo en la mañana (antes de las 12 m.)');
  await expect(main).not.toContainText('1030405060');
  await expectAccessible(page);

  // Leaving asks first, and says what it means.
  await tabTo(page, page.getByRole('button', { name: 'Salir de la lista de espera' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '¿Salir de la lista de espera?' })).toBeFocused();
  await expect(main).toContainText('Dejará su lugar en la fila');
  await expectAccessible(page);
  await tabTo(page, page.getByRole('button', { name: 'Sí, salir de la lista' }));
  await page.keyboard.press('Enter');
  await expect(heading).toHaveText('Salió de la lista de espera');
  await expect(heading).toBeFocused();
  await expectAccessible(page);
  const lookup = await request.post(`/api/v1/waitlist/${code}/lookup`, { data: { document: { kind: 'CC', number: '1030405060' } } });
  expect(lookup.status()).toBe(404);
});

test('the join form in English, and "Mi cita" leads to one\'s place on a list', async ({ page }) => {
  await page.goto('/mi-cita');
  await page.getByRole('link', { name: 'Consultar o salir de la lista de espera' }).click();
  await expect(page).toHaveURL('/lista-de-espera');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Consultar o salir de la lista de espera');
  await expectAccessible(page);
  await page.goto('/lista-de-espera/unirse');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join the waiting list');
  // Nothing was chosen: the service and office are asked for here.
  await page.getByRole('button', { name: 'Join the waiting list' }).click();
  await expect(page.getByLabel('Service')).toBeFocused();
  await expect(page.locator('#servicio-error')).toContainText('Choose the service.');
  await expect(page.locator('#oficina-error')).toContainText('Choose the office.');
  await expect(page.locator('#autorizacion-error')).toContainText('To join you must tick the authorization.');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Español' }).click();
});

test('a document already on a waiting list is refused beside its field, which takes focus', async ({ page, request }) => {
  await joinViaApi(request, 'popayan', '2026-12-07', '2026-12-18', '43210987');
  await page.goto('/lista-de-espera/unirse?servicio=dudas&oficina=popayan');
  await page.getByLabel('Número de documento').fill('43.210.987');
  await page.getByLabel('Nombre completo').fill('Rosa Segunda');
  await page.getByLabel('Correo electrónico', { exact: true }).fill('rosa@example.co');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Inscribirme en la lista de espera' }).click();
  const number = page.getByLabel('Número de documento');
  await expect(number).toBeFocused();
  await expect(page.locator('#numero-error')).toContainText('Ese documento ya está en una lista de espera');
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inscribirse en la lista de espera');
  await expectAccessible(page);
});

test('a cancelled seat is offered to the first in line, who books it from the offer by keyboard', async ({ page, request }) => {
  test.setTimeout(120_000);
  // Pereira has one desk: every seat of Monday 14 December is taken.
  const day = '2026-12-14';
  const availability = await (await request.get(`/api/v1/offices/pereira/availability?from=${day}&to=${day}`)).json();
  const starts: string[] = availability.days[0].slots.filter((s: any) => s.available > 0).map((s: any) => s.start);
  const booked = await Promise.all(starts.map(async (start, i) => {
    const cedula = String(62_500_000 + i);
    const response = await request.post('/api/v1/appointments', {
      headers: await proofOfWork(request),
      data: { office: 'pereira', service: 'dudas', start, name: 'Ocupado', consent: true, document: { kind: 'CC', number: cedula } },
    });
    expect(response.status(), await response.text()).toBe(201);
    return { start, cedula, code: (await response.json()).code as string };
  }));
  const freed = booked.find((b) => b.start.startsWith(`${day}T09:30`))!;

  await page.goto('/agendar/fecha?servicio=dudas&oficina=pereira');
  await page.getByRole('link', { name: 'Inscribirme en la lista de espera' }).click();
  await page.getByLabel('Primer día').fill(day);
  await page.getByLabel('Último día').fill(day);
  await page.getByLabel('Número de documento').fill('1.040.506.070');
  await page.getByLabel('Nombre completo').fill('Julián Paciente');
  await page.getByLabel('Correo electrónico', { exact: true }).fill('julian@example.co');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Inscribirme en la lista de espera' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Está en la lista de espera');
  await expect(page.locator('main')).toContainText('Es el número 1 en la fila de Pereira.');
  const code = (await page.locator('.code').textContent())!.trim();

  // Someone cancels: the server's offer task holds the seat for the first in line.
  const cancelled = await request.post(`/api/v1/appointments/${freed.code}/cancel`, { data: { document: { kind: 'CC', number: freed.cedula } } });
  expect(cancelled.status(), await cancelled.text()).toBe(200);
  let offer = '';
  await expect.poll(async () => {
    const entry = await (await request.post(`/api/v1/waitlist/${code}/lookup`, { data: { document: { kind: 'CC', number: '1040506070' } } })).json();
    offer = entry.offer?.offer ?? '';
    return offer;
  }, { timeout: 30_000 }).not.toBe('');

  // The link in the e-mails: the entry, found with its code and the document, shows the seat.
  await page.goto(`/lista-de-espera?codigo=${code}`);
  await expect(page.getByLabel('Código de la inscripción')).toHaveValue(code);
  await page.getByLabel('Número de documento').fill('1040506070');
  await page.getByRole('button', { name: 'Consultar mi inscripción' }).click();
  await expect(page.getByRole('heading', { name: 'Le guardamos un cupo' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Ver el cupo y agendar la cita' }).click();

  await expect(page).toHaveURL(`/oferta/${offer}`);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Le guardamos este cupo');
  const main = page.locator('main');
  await expect(main).toContainText('lunes 14 de diciembre de 2026');
  await expect(main).toContainText(/9:30\sa\.\sm\./);
  await expect(main).toContainText(/Preséntese a las 9:15\sa\.\sm\./);
  await expect(main).toContainText(/Se lo guardamos hasta las .+ \(\d+ minutos más\)/);
  await expectAccessible(page);

  // Another document cannot take it: said beside the field, which takes focus.
  const number = page.getByLabel('Número de documento');
  await tabTo(page, number);
  await page.keyboard.type('52.111.222');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Julián Paciente');
  await tabTo(page, page.getByRole('checkbox'));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Confirmar la cita' }));
  await page.keyboard.press('Enter');
  await expect(number).toBeFocused();
  await expect(page.locator('#numero-error')).toContainText('Este cupo está reservado para la persona de la lista de espera');
  await expectAccessible(page);

  // The entry's document books it, and the wizard's confirmation follows.
  await retype(page, '1.040.506.070');
  await tabTo(page, page.getByRole('button', { name: 'Confirmar la cita' }));
  await page.keyboard.press('Enter');
  await expect(heading).toHaveText('Su cita está agendada');
  await expect(main).toContainText('lunes 14 de diciembre de 2026');
  await expect(main).toContainText(/9:30\sa\.\sm\./);
  await expectAccessible(page);

  // Taken: the offer's page now says it is gone, and where to go.
  await page.goto(`/oferta/${offer}`);
  await expect(heading).toHaveText('Este cupo ya no está disponible');
  await expect(page.getByRole('link', { name: 'Agendar una cita' })).toBeVisible();
  await expectAccessible(page);
});
