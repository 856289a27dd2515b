// The officials' side (/funcionarios) at an office PC's 1280×800: sign-in, the day's agenda,
// check-in by keyboard alone, a document that is not the booked one, no-show and cancel,
// the search by document, a closure whose affected appointments are confirmed cancelled, the
// print view, the office's waiting list by day, and that citizens never download any of it.
//
// A server of its own: its accounts are made with `citas-server users add` on its database
// before it starts, and the no-show needs its clock moved past an appointment's start.
import { test, expect, Page, APIRequestContext, request as newRequest } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expectAccessible, proofOfWork, tabUntilFocused } from './fixtures';
import { OwnServer, SERVER, DIST, freePort, relaxedConfig } from './server';

const OFFICIAL = { email: 'ana@dian.gov.co', password: 'clave de prueba de Ana 1' };
const ADMIN = { email: 'jefe@dian.gov.co', password: 'clave de prueba del jefe 1' };
const TODAY = '2026-12-01';
const WEDNESDAY = '2026-12-02';
/** Where the screenshots of each screen go, to be looked at. */
const SHOTS = 'test-results/staff';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 800 } });

let server: OwnServer;
let api: APIRequestContext;
let config: string[];
/** Appointment codes by the name of the person. */
const codes: Record<string, string> = {};

function addUser(database: string, { email, password }: { email: string; password: string }, role: string, offices: string[]) {
  execFileSync(SERVER, ['users', 'add', '--database', `sqlite://${database}`, '--email', email, '--role', role,
    ...offices.flatMap((o) => ['--office', o])], { input: `${password}\n` });
}

async function book(name: string, cedula: string, start: string) {
  const response = await api.post('/api/v1/appointments', {
    headers: await proofOfWork(api, server.url),
    data: { office: 'bogota', service: 'dudas', start, name, consent: true, document: { kind: 'CC', number: cedula } },
  });
  expect(response.status(), await response.text()).toBe(201);
  codes[name] = (await response.json()).code;
}

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = new OwnServer(await freePort());
  addUser(server.database, OFFICIAL, 'funcionario', ['bogota']);
  addUser(server.database, ADMIN, 'administrador', []);
  config = ['--config', relaxedConfig(join(dirname(server.database), 'citas.toml'))];
  await server.start(DIST, config);
  api = await newRequest.newContext({ baseURL: server.url });
  // The server's clock: Tuesday 1 December 2026, 7:00.
  await book('Carla Teclado', '52345678', `${TODAY}T09:00:00-05:00`);
  await book('Diego Distinto', '79123456', `${TODAY}T09:30:00-05:00`);
  await book('Elena Cancela', '41234567', `${TODAY}T10:00:00-05:00`);
  await book('Fabio Ausente', '80123456', `${TODAY}T08:30:00-05:00`);
  await book('Gloria Miércoles', '1012345678', `${WEDNESDAY}T09:00:00-05:00`);
  await book('Hugo Miércoles', '1023456789', `${WEDNESDAY}T11:00:00-05:00`);
});

test.afterAll(async () => {
  await api?.dispose();
  await server?.stop();
});

/** Opens /funcionarios… and signs in when asked to (a session may have timed out). */
async function signIn(page: Page, who: { email: string; password: string }, path = '/funcionarios') {
  await page.goto(`${server.url}${path}`);
  const form = page.getByRole('heading', { level: 1, name: 'Ingreso de funcionarios' });
  const signedIn = page.getByRole('navigation', { name: 'Funcionarios' });
  await expect(form.or(signedIn)).toBeVisible();
  if (await form.isVisible()) {
    await page.getByLabel('Correo electrónico').fill(who.email);
    await page.getByLabel('Contraseña').fill(who.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
  }
  await expect(signedIn).toBeVisible();
}

function row(page: Page, name: string) {
  return page.getByRole('row').filter({ hasText: name });
}

test('an official signs in, wrong password first, and sees the day\'s agenda', async ({ page }) => {
  await page.goto(`${server.url}/funcionarios`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ingreso de funcionarios');
  await expect(page).toHaveTitle(/Ingreso de funcionarios/);
  // These screens are in Spanish only: no language switch.
  await expect(page.getByRole('button', { name: 'Read this site in English' })).toBeHidden();
  await expectAccessible(page);

  // Errors beside the fields, focused.
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByText('Escriba su correo electrónico.')).toBeVisible();
  await expect(page.getByLabel('Correo electrónico')).toBeFocused();

  await page.getByLabel('Correo electrónico').fill(OFFICIAL.email);
  await page.getByLabel('Contraseña').fill('no es la clave');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toBeVisible();
  await expect(page.locator('.alert-summary')).toBeFocused();
  await expectAccessible(page);

  await page.getByLabel('Contraseña').fill(OFFICIAL.password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agenda de Bogotá');
  await expect(page.locator('main')).toContainText('martes 1 de diciembre de 2026');
  await expect(page.getByRole('row')).toHaveCount(5); // the header and today's four
  await expect(row(page, 'Fabio Ausente')).toContainText('8:30');
  await expect(row(page, 'Carla Teclado')).toContainText('Por atender');
  await expect(page.getByRole('link', { name: 'Descargar CSV' })).toHaveAttribute('href', `/api/v1/staff/offices/bogota/agenda.csv?date=${TODAY}`);
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/agenda.png`, fullPage: true });

  // Day by day: the next working day has Wednesday's appointments; "Hoy" comes back.
  await page.getByRole('button', { name: 'Día siguiente' }).click();
  await expect(page).toHaveURL(/fecha=2026-12-02/);
  await expect(row(page, 'Gloria Miércoles')).toBeVisible();
  await page.getByRole('button', { name: 'Hoy' }).click();
  await expect(row(page, 'Carla Teclado')).toBeVisible();
});

test('with a browser in English, the officials\' screens are all in Spanish, frame and fields', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, OFFICIAL, '/funcionarios/buscar');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('group', { name: 'Tipo de documento' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Cédula de ciudadanía' })).toBeVisible();
  await expect(page.locator('header')).toContainText('Agendamiento de citas');
  await expect(page.locator('body')).not.toContainText('Kind of document');
  await expectAccessible(page);
  await context.close();
});

test('an official checks in a citizen by keyboard alone', async ({ page }) => {
  await signIn(page, OFFICIAL);
  await expect(row(page, 'Carla Teclado')).toBeVisible();
  await page.locator('body').focus();

  await tabUntilFocused(page, /^Registrar llegada: Carla Teclado/);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Registrar llegada' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Carla Teclado');
  await expectAccessible(page);
  // Focus starts inside the dialog, on the kind of document (C.C. chosen); Tab goes to the number.
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Número de documento')).toBeFocused();
  await page.keyboard.type('52345678');
  await page.keyboard.press('Enter');

  await expect(dialog.getByText('ATENDIDA: documento correcto')).toBeVisible();
  await expect(dialog.locator('.verdict-area')).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/check-in-attended.png` });
  await expectAccessible(page);
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Cerrar' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(row(page, 'Carla Teclado')).toContainText('Atendida');
  await expect(page.getByRole('status').filter({ hasText: 'Se registró la llegada de Carla Teclado.' })).toBeFocused();
});

test('a document that is not the booked one is refused, in large plain words', async ({ page }) => {
  await signIn(page, OFFICIAL);
  await row(page, 'Diego Distinto').getByRole('button', { name: /Registrar llegada/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Registrar llegada' });
  await dialog.getByLabel('Número de documento').fill('79123457');
  await dialog.getByRole('button', { name: 'Verificar y registrar' }).click();
  const verdict = dialog.getByText('NO COINCIDE: solo se atiende el documento con el que se agendó');
  await expect(verdict).toBeVisible();
  expect(await verdict.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(24);
  await page.screenshot({ path: `${SHOTS}/check-in-mismatch.png` });
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(row(page, 'Diego Distinto')).toContainText('Por atender');
});

test('the office cancels with a reason the citizen sees', async ({ page }) => {
  await signIn(page, OFFICIAL);
  await row(page, 'Elena Cancela').getByRole('button', { name: /^Cancelar/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancelar la cita' });
  await dialog.getByRole('button', { name: 'Cancelar la cita' }).click();
  await expect(dialog.getByText('Escriba el motivo de la cancelación')).toBeVisible();
  await expect(dialog.getByLabel('Motivo')).toBeFocused();
  await expectAccessible(page);
  // The box says how much it takes, and takes no more.
  await expect(dialog.getByText('El ciudadano lo verá en «Mi cita». Hasta 200 caracteres.')).toBeVisible();
  await expect(dialog.getByLabel('Motivo')).toHaveAttribute('maxlength', '200');
  // Written on two lines, kept on one.
  await dialog.getByLabel('Motivo').fill('La funcionaria que la atendería\nestá incapacitada.');
  await dialog.getByRole('button', { name: 'Cancelar la cita' }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, 'Elena Cancela')).toContainText('Cancelada: La funcionaria que la atendería está incapacitada.');

  const seen = await api.post(`/api/v1/appointments/${codes['Elena Cancela']}/lookup`, {
    data: { document: { kind: 'CC', number: '41234567' } },
  });
  expect((await seen.json()).cancel_reason).toBe('La funcionaria que la atendería está incapacitada.');
});

test('a no-show is refused before the start plus the grace period, then recorded', async ({ page }) => {
  await signIn(page, OFFICIAL);
  await row(page, 'Fabio Ausente').getByRole('button', { name: /^No asistió/ }).click();
  await expect(page.locator('.alert-summary')).toBeFocused();
  await expect(page.locator('.alert-summary')).not.toBeEmpty();
  await expect(row(page, 'Fabio Ausente')).toContainText('Por atender');

  // 8:50: twenty minutes after Fabio's 8:30.
  await server.stop();
  await server.start(DIST, config, `${TODAY}T08:50:00-05:00`);
  await signIn(page, OFFICIAL);
  await row(page, 'Fabio Ausente').getByRole('button', { name: /^No asistió/ }).click();
  await expect(row(page, 'Fabio Ausente')).toContainText('No asistió');
  await expect(page.getByRole('status').filter({ hasText: 'Fabio Ausente quedó como no asistió.' })).toBeVisible();
  // And it can be undone the same day.
  await row(page, 'Fabio Ausente').getByRole('button', { name: /^Deshacer/ }).click();
  await expect(row(page, 'Fabio Ausente')).toContainText('Por atender');
});

test('an official finds a person\'s appointments by document, and their history', async ({ page }) => {
  await signIn(page, OFFICIAL);
  await page.getByRole('link', { name: 'Buscar por documento' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buscar citas por documento');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Buscar' }).click();
  await expect(page.getByLabel('Número de documento')).toBeFocused();
  await page.getByLabel('Número de documento').fill('52345678');
  await page.getByRole('button', { name: 'Buscar' }).click();
  await expect(row(page, codes['Carla Teclado'])).toContainText('Atendida');
  await row(page, codes['Carla Teclado']).getByRole('button', { name: /Ver historial/ }).click();
  await expect(page.getByRole('heading', { name: `Historial de la cita ${codes['Carla Teclado']}` })).toBeFocused();
  await expect(page.locator('.history')).toContainText('Llegada registrada');
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/search.png`, fullPage: true });
});

test('an official erases a person\'s data on their written request, saying how it came', async ({ page }) => {
  await book('Karla Borrable', '39876543', `${WEDNESDAY}T14:00:00-05:00`);
  const code = codes['Karla Borrable'];
  await signIn(page, OFFICIAL, '/funcionarios/buscar');
  await page.getByLabel('Número de documento').fill('39876543');
  await page.getByRole('button', { name: 'Buscar' }).click();
  await row(page, code).getByRole('button', { name: `Borrar datos personales ${code}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Borrar datos personales' });
  await expect(dialog).toContainText(`Karla Borrable — cita ${code}`);
  await expect(dialog).toContainText('No se puede deshacer.');
  await expect(dialog.getByLabel('Cómo llegó la solicitud')).toBeFocused();
  await expectAccessible(page);

  // How the request came is required; then the data goes, and the page says what was done.
  await dialog.getByRole('button', { name: 'Borrar los datos' }).click();
  await expect(dialog.getByText('Escriba cómo llegó la solicitud')).toBeVisible();
  await expect(dialog.getByLabel('Cómo llegó la solicitud')).toBeFocused();
  await expectAccessible(page);
  await dialog.getByLabel('Cómo llegó la solicitud').fill('Solicitud escrita radicada 2026-004321.');
  await dialog.getByRole('button', { name: 'Borrar los datos' }).click();
  await expect(dialog).toBeHidden();
  const notice = page.getByRole('status').filter({ hasText: 'Citas cuyos datos personales se borraron: 1.' });
  await expect(notice).toContainText(`Se canceló la cita ${code}; su turno quedó libre.`);
  await expect(notice).toBeFocused();
  await expect(page.getByRole('heading', { name: `Historial de la cita ${code}` })).toBeVisible();
  await expect(page.locator('.history')).toContainText('Datos personales borrados');
  await expect(page.locator('.history')).toContainText('Solicitud escrita radicada 2026-004321.');
  await expect(page.locator('main')).not.toContainText('Karla');
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/erase.png`, fullPage: true });

  // The citizen's code and document find nothing any more.
  const lookup = await api.post(`/api/v1/appointments/${code}/lookup`, { data: { document: { kind: 'CC', number: '39876543' } } });
  expect(lookup.status()).toBe(404);
  // The officials' answers (agenda, search, history, with names) never enter a cache.
  await page.goto(`${server.url}/funcionarios`);
  await expect(row(page, 'Carla Teclado')).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect(row(page, 'Carla Teclado')).toBeVisible();
  const readCaches = () => page.evaluate(async () => {
    const entries: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) entries.push(`${request.url} ${await (await cache.match(request))!.text()}`);
    }
    return entries;
  });
  // Once the worker cached the catalogue this load fetched, it has handled the agenda too.
  await expect.poll(async () => (await readCaches()).some((entry) => entry.includes('/api/v1/offices '))).toBe(true);
  const cached = await readCaches();
  expect(cached.filter((entry) => /\/api\/v1\/staff|Carla Teclado|Diego Distinto/.test(entry))).toEqual([]);
});

test('the day prints as a clean table', async ({ page }) => {
  await signIn(page, OFFICIAL);
  await expect(row(page, 'Carla Teclado')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Funcionarios' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Imprimir' })).toBeHidden();
  await expect(page.getByRole('columnheader', { name: 'Acciones' })).toBeHidden();
  await expect(page.getByRole('columnheader', { name: 'Nombre' })).toBeVisible();
  // None of the site's frame: the office, the date and the table, on one sheet.
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('contentinfo')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agenda de Bogotá');
  await expect(page.locator('main')).toContainText('martes 1 de diciembre de 2026');
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
  await page.screenshot({ path: `${SHOTS}/print.png`, fullPage: true });
});

test('an official of several offices picks one; the address keeps it', async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agenda de Bogotá');
  await page.getByLabel('Oficina').selectOption({ label: 'Cali' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agenda de Cali');
  await expect(page).toHaveURL(/oficina=cali/);
  await expect(page.getByText('No hay citas este día.')).toBeVisible();
  await expectAccessible(page);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agenda de Bogotá');
  await expect(page.getByLabel('Oficina')).toHaveValue('bogota');
});

test('on a tablet held upright, the agenda needs no horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await signIn(page, OFFICIAL);
  await expect(row(page, 'Carla Teclado')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
  await page.screenshot({ path: `${SHOTS}/agenda-tablet.png`, fullPage: true });
});

test('citizens never download the officials\' part, nor keep it offline', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto(`${server.url}/`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Agende su cita');
  await page.getByRole('link', { name: 'Agendar una cita' }).click();
  await expect(page).toHaveTitle(/Paso 1 de 6/);
  await page.goto(`${server.url}/oficinas`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready);
  const kept = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls;
  });
  expect(kept.length).toBeGreaterThan(0);
  expect([...fetched, ...kept].filter((url) => url.includes('staff'))).toEqual([]);
});
test('a funcionario has no closures; an administrador closes a day and confirms the affected', async ({ page }) => {
  await signIn(page, OFFICIAL);
  await expect(page.getByRole('link', { name: 'Cierres' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ingreso de funcionarios');

  await signIn(page, ADMIN);
  await page.getByRole('link', { name: 'Cierres' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cierres de oficinas');
  await expect(page.getByText('No hay cierres vigentes.')).toBeVisible();
  await expectAccessible(page);

  // Errors beside the fields, the first one focused.
  await page.getByRole('button', { name: 'Crear el cierre' }).click();
  await expect(page.getByText('Escriba el primer día del cierre.')).toBeVisible();
  await expect(page.getByLabel('Desde el día', { exact: true })).toBeFocused();
  await expectAccessible(page);

  await page.getByLabel('Algunas oficinas').check();
  await page.getByLabel('Bogotá').check();
  await page.getByLabel('Desde el día', { exact: true }).fill(WEDNESDAY);
  await page.getByLabel('Hasta el día').fill(WEDNESDAY);
  await page.getByLabel('Motivo (en español)').fill('Jornada de inventario de la sede.');
  await page.getByRole('button', { name: 'Crear el cierre' }).click();

  const affected = page.getByRole('region', { name: 'Citas afectadas por el cierre' });
  await expect(affected.getByRole('heading')).toBeFocused();
  await expect(affected).toContainText('Gloria Miércoles');
  await expect(affected).toContainText('Hugo Miércoles');
  await expect(page.getByRole('status').filter({ hasText: 'Citas agendadas afectadas: 2.' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/closure-affected.png`, fullPage: true });

  // Closed at once for citizens.
  const day = await (await api.get(`/api/v1/offices/bogota/availability?from=${WEDNESDAY}&to=${WEDNESDAY}`)).json();
  expect(day.days[0].open).toBe(false);

  await affected.getByRole('button', { name: 'Cancelar las citas agendadas (2)…' }).click();
  await expect(affected.getByRole('button', { name: 'Sí, cancelar las citas (2)' })).toBeFocused();
  await expect(affected).toContainText('Jornada de inventario de la sede.');
  await expectAccessible(page);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Se cancelaron las citas afectadas por el cierre.' })).toBeVisible();
  await expect(affected.getByRole('button', { name: /Cancelar las/ })).toHaveCount(0);

  const gloria = await api.post(`/api/v1/appointments/${codes['Gloria Miércoles']}/lookup`, {
    data: { document: { kind: 'CC', number: '1012345678' } },
  });
  expect(await gloria.json()).toMatchObject({ status: 'cancelled', cancel_reason: 'Jornada de inventario de la sede.' });
});

test('an administrador lowers an office\'s desks and sees the appointments now over them', async ({ page }) => {
  await book('Irene Jueves', '43123456', '2026-12-03T09:00:00-05:00');
  await book('Jorge Jueves', '71123456', '2026-12-03T09:00:00-05:00');
  await signIn(page, ADMIN, '/funcionarios/cierres');
  const desks = page.getByRole('region', { name: 'Puestos de atención' });
  await desks.getByRole('button', { name: 'Cambiar los puestos' }).click();
  await expect(desks.getByLabel('Cambia desde el día')).toBeFocused();
  await expectAccessible(page);
  await desks.getByLabel('Cambia desde el día').fill('2026-12-03');
  await desks.getByLabel('Puestos').fill('1');
  await desks.getByRole('button', { name: 'Cambiar los puestos' }).click();
  await expect(desks).toContainText('Desde el jueves 3 de diciembre de 2026, Bogotá atiende con 1 puestos.');
  await expect(desks.getByRole('row').filter({ hasText: 'Irene Jueves' })).toContainText('Por atender');
  await expect(desks.getByRole('row').filter({ hasText: 'Jorge Jueves' })).toContainText('Por atender');
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/desks.png`, fullPage: true });
});

test('the agenda shows how many wait on the office\'s waiting list, day by day', async ({ page }) => {
  const joined = await api.post('/api/v1/waitlist', {
    headers: await proofOfWork(api, server.url),
    data: { office: 'bogota', service: 'dudas', from: '2026-12-09', until: '2026-12-10', name: 'Lucía Espera',
            email: 'lucia@example.co', consent: true, document: { kind: 'CC', number: '39123456' } },
  });
  expect(joined.status(), await joined.text()).toBe(201);
  await signIn(page, OFFICIAL);
  const waiting = page.getByRole('region', { name: 'Lista de espera' });
  await expect(waiting).toContainText('Personas en espera en esta oficina: 1.');
  await expect(waiting.getByRole('row')).toHaveCount(3); // the header and the two days
  await expect(waiting.getByRole('row').filter({ hasText: 'miércoles 9 de diciembre de 2026' })).toContainText('1');
  await expectAccessible(page);
});
