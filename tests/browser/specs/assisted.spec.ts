// Booking for a citizen (/funcionarios/agendar): a Contact Center agent books for a caller by
// keyboard alone and reads the code from its spelling; the booking is in the office's agenda
// and found by document, where the agent moves it; the screen at 320 px.
//
// A server of its own, whose accounts are made with `citas-server users add` on its database
// before it starts (as staff.spec.ts does).
import { test, expect, Page, Locator, APIRequestContext, request as newRequest } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brokenWords, expectAccessible } from './fixtures';
import { OwnServer, SERVER, DIST, freePort, relaxedConfig } from './server';

const AGENT = { email: 'agente@contactcenter.dian.gov.co', password: 'clave de prueba del agente 1' };
const OFFICIAL = { email: 'ana@dian.gov.co', password: 'clave de prueba de Ana 1' };
const CALLER = { cedula: '1032456789', name: 'Marta Llamada', email: 'marta.llamada@example.co' };
/** Where the screenshots of each screen go, to be looked at. */
const SHOTS = 'test-results/assisted';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 800 } });

let server: OwnServer;
let api: APIRequestContext;
/** The code the agent booked, as the confirmation showed it. */
let booked = '';

function addUser(database: string, { email, password }: { email: string; password: string }, role: string, offices: string[]) {
  execFileSync(SERVER, ['users', 'add', '--database', `sqlite://${database}`, '--email', email, '--role', role,
    ...offices.flatMap((o) => ['--office', o])], { input: `${password}\n` });
}

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = new OwnServer(await freePort());
  addUser(server.database, AGENT, 'contact_center', []);
  addUser(server.database, OFFICIAL, 'funcionario', ['bogota']);
  // The server's clock: Tuesday 1 December 2026, 7:00.
  await server.start(DIST, ['--config', relaxedConfig(join(dirname(server.database), 'citas.toml'))]);
  api = await newRequest.newContext({ baseURL: server.url });
});

test.afterAll(async () => {
  await api?.dispose();
  await server?.stop();
});

/** Opens `path` and signs in there. */
async function signIn(page: Page, who: { email: string; password: string }, path: string) {
  await page.goto(`${server.url}${path}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Ingreso de funcionarios' })).toBeVisible();
  await page.getByLabel('Correo electrónico').fill(who.email);
  await page.getByLabel('Contraseña').fill(who.password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('navigation', { name: 'Funcionarios' })).toBeVisible();
}

/** Presses Tab until `target` has focus, and checks that the focus can be seen there. */
async function tabTo(page: Page, target: Locator, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      const ring = await target.evaluate((el) => {
        const style = getComputedStyle(el);
        return style.outlineStyle !== 'none' || style.boxShadow !== 'none';
      });
      expect(ring, 'focus is visible').toBe(true);
      return;
    }
  }
  throw new Error(`Tab never reached ${target}`);
}

/** With a list focused, presses ↓ until the chosen line matches `wanted` (its lines are
 *  loaded first), as a keyboard user goes down a closed list. */
async function chooseWithArrows(page: Page, list: Locator, wanted: RegExp) {
  await expect(list).toBeFocused();
  await expect(list.locator('option').filter({ hasText: wanted })).toHaveCount(1);
  for (let i = 0; i < 60; i++) {
    const chosen = await list.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');
    if (wanted.test(chosen)) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`${wanted} never chosen`);
}

test('a Contact Center agent books for a caller by keyboard alone and reads the code from its spelling', async ({ page }) => {
  await signIn(page, AGENT, '/funcionarios/agendar');
  const bar = page.getByRole('navigation', { name: 'Funcionarios' });
  await expect(bar).toContainText('(Contact Center)');
  await expect(bar.getByRole('link', { name: 'Agendar para un ciudadano' })).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveTitle(/Agendar para un ciudadano/);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Agendar para un ciudadano');
  await expect(heading).toBeFocused();
  // The Contact Center books at every office.
  await expect(page.locator('#oficina option')).toHaveCount(19);
  await expectAccessible(page);

  // The appointment, from the heading on: ↓ through each list.
  await tabTo(page, page.getByLabel('Servicio'));
  await chooseWithArrows(page, page.getByLabel('Servicio'), /^Dudas sobre un trámite/);
  await tabTo(page, page.getByLabel('Oficina'));
  await chooseWithArrows(page, page.getByLabel('Oficina'), /^Bogotá$/);
  await tabTo(page, page.getByLabel('Día'));
  await chooseWithArrows(page, page.getByLabel('Día'), /^miércoles 2 de diciembre de 2026 — \d+ cupos libres$/);
  await tabTo(page, page.getByLabel('Hora'));
  await chooseWithArrows(page, page.getByLabel('Hora'), /^9:00\sa\.\sm\. — /);
  // The seat is kept while the agent types the rest.
  await expect(page.getByRole('status').filter({ hasText: 'La hora queda apartada para el ciudadano hasta las' })).toBeVisible();
  await expect(page.getByLabel('Hora').locator('option:checked')).toHaveText(/apartada para este ciudadano/);
  // A caller's details can take longer than a hold lasts: once, one more hold period.
  await tabTo(page, page.getByRole('button', { name: 'Necesito más tiempo' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Ya usó la extensión de tiempo.')).toBeFocused();
  await expect(page.getByRole('button', { name: 'Necesito más tiempo' })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'La hora queda apartada para el ciudadano hasta las' })).toBeVisible();

  // The caller: the kind of document is C.C. already; Tab goes on to its number.
  await tabTo(page, page.getByLabel('Número de documento'));
  await page.keyboard.type(CALLER.cedula);
  await tabTo(page, page.getByLabel('Nombre completo'));
  await page.keyboard.type(CALLER.name);
  await tabTo(page, page.getByLabel('Correo electrónico (opcional)'));
  await page.keyboard.type('marta.llamada@');
  // Enter books: the e-mail and the consent are wrong, said beside them; focus goes to the first.
  await page.keyboard.press('Enter');
  await expect(page.locator('#correo-error')).toBeVisible();
  await expect(page.locator('#consentimiento-error')).toContainText('marque que aceptó de viva voz');
  await expect(page.getByLabel('Correo electrónico (opcional)')).toBeFocused();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/form-errors.png`, fullPage: true });
  await page.keyboard.press('End');
  await page.keyboard.type('example.co');
  await expect(page.locator('#correo-error')).toBeHidden();

  // The notice is there to be read aloud; the agent records the caller's yes.
  await expect(page.getByRole('region', { name: 'Autorización de datos personales' })).toContainText('Lea al ciudadano:');
  const consent = page.getByLabel('El ciudadano aceptó de viva voz el tratamiento de sus datos');
  await tabTo(page, consent);
  await page.keyboard.press('Space');
  await expect(consent).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Agendar', exact: true }));
  await page.keyboard.press('Enter');

  // The confirmation: the code large, and spelled to be read over the phone.
  await expect(heading).toHaveText('Cita agendada');
  await expect(heading).toBeFocused();
  await expect(page).toHaveTitle(/Cita agendada/);
  const code = (await page.locator('.assisted-code').innerText()).trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  booked = code;
  const characters = code.replace('-', '').split('');
  const spelled = page.getByRole('list', { name: 'Para dictar el código' }).getByRole('listitem');
  await expect(spelled).toHaveCount(8);
  const items = await spelled.allInnerTexts();
  characters.forEach((c, i) => {
    expect(items[i], `character ${i + 1} of ${code}`).toMatch(/\d/.test(c) ? new RegExp(`^${c}$`) : new RegExp(`^${c} de \\S+$`));
  });
  // Read back from the spelling alone, the caller has the code.
  expect(items.map((item) => item[0]).join('')).toBe(code.replace('-', ''));
  await expect(page.getByText(/^Preséntese a las 8:45\sa\.\sm\. del miércoles 2 de diciembre de 2026, 15 minutos antes de su cita\.$/)).toBeVisible();
  await expect(page.locator('.summary')).toContainText('9:00');
  await expect(page.locator('.summary')).toContainText(CALLER.name);
  await expect(page.getByText(`Le llegará la confirmación por correo a ${CALLER.email}.`)).toBeVisible();
  // The appointment among the others of its office and day, a click away.
  await expect(page.getByRole('link', { name: 'Ver la cita en la agenda de Bogotá' }))
    .toHaveAttribute('href', '/funcionarios?oficina=bogota&fecha=2026-12-02');
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/confirmation.png`, fullPage: true });

  // For a caller who speaks English, the same spelling in English.
  const english = page.getByRole('button', { name: 'Deletrear en inglés' });
  await tabTo(page, english);
  await page.keyboard.press('Enter');
  await expect(english).toHaveAttribute('aria-pressed', 'true');
  const inEnglish = await spelled.allInnerTexts();
  characters.forEach((c, i) => {
    expect(inEnglish[i]).toMatch(/\d/.test(c) ? new RegExp(`^${c}$`) : new RegExp(`^${c} as in \\S+$`));
  });
  await expect(page.getByRole('list', { name: 'Para dictar el código' })).toHaveAttribute('lang', 'en');
  await expectAccessible(page);

  // The next caller starts from an empty form.
  await tabTo(page, page.getByRole('button', { name: 'Agendar otra cita' }));
  await page.keyboard.press('Enter');
  await expect(heading).toHaveText('Agendar para un ciudadano');
  await expect(page.getByLabel('Nombre completo')).toHaveValue('');
  await expect(page.getByLabel('Servicio')).toHaveValue('');
});

test('a document with an appointment already is refused beside its number, with the way to find it', async ({ page }) => {
  expect(booked, 'the booking of the first test').not.toBe('');
  await signIn(page, AGENT, '/funcionarios/agendar');
  await page.getByLabel('Servicio').selectOption('dudas');
  await page.getByLabel('Oficina').selectOption('medellin');
  await expect(page.getByLabel('Día').locator('option')).not.toHaveCount(1);
  await page.getByLabel('Día').selectOption('2026-12-03');
  await page.getByLabel('Hora').selectOption({ index: 1 });
  await page.getByLabel('Número de documento').fill(CALLER.cedula);
  await page.getByLabel('Nombre completo').fill(CALLER.name);
  await page.getByLabel('El ciudadano aceptó de viva voz el tratamiento de sus datos').check();
  await page.getByRole('button', { name: 'Agendar', exact: true }).click();
  const summary = page.locator('.alert-summary');
  await expect(summary).toContainText('Ese documento ya tiene una cita agendada.');
  await expect(summary).toBeFocused();
  await expect(page.locator('#numero-error')).toContainText('Ese documento ya tiene una cita agendada.');
  await expect(summary.getByRole('link', { name: /Buscar sus citas por documento/ })).toHaveAttribute('href', '/funcionarios/buscar');
  await expectAccessible(page);
});

test('the booking is in the office\'s agenda, and the agent finds it by document and moves it', async ({ page, browser }) => {
  expect(booked, 'the booking of the first test').not.toBe('');
  // The office sees it on its day's agenda.
  const office = await browser.newPage();
  await signIn(office, OFFICIAL, '/funcionarios?oficina=bogota&fecha=2026-12-02');
  const row = office.getByRole('row').filter({ hasText: CALLER.name });
  await expect(row).toContainText('9:00');
  await expect(row).toContainText('Por atender');
  await expect(row.getByRole('button', { name: /^Registrar llegada/ })).toBeVisible();
  await office.close();

  // The Contact Center sees the same row, but never the person: no check-in or no-show.
  await signIn(page, AGENT, '/funcionarios?oficina=bogota&fecha=2026-12-02');
  const agentRow = page.getByRole('row').filter({ hasText: CALLER.name });
  await expect(agentRow.getByRole('button', { name: /^Cancelar/ })).toBeVisible();
  await expect(agentRow.getByRole('button', { name: /^(Registrar llegada|No asistió)/ })).toHaveCount(0);

  await page.goto(`${server.url}/funcionarios/buscar`);
  await page.getByLabel('Número de documento').fill(CALLER.cedula);
  await page.getByRole('button', { name: 'Buscar' }).click();
  await expect(page.getByRole('row').filter({ hasText: booked })).toBeVisible();

  const move = page.getByRole('button', { name: `Cambiar hora ${booked}` });
  await move.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Cambiar la hora de la cita' });
  await expect(dialog).toContainText(CALLER.name);
  // Focus starts on the first list of the dialog.
  await chooseWithArrows(page, dialog.getByLabel('Nuevo día'), /^jueves 3 de diciembre de 2026/);
  await tabTo(page, dialog.getByLabel('Nueva hora'));
  await chooseWithArrows(page, dialog.getByLabel('Nueva hora'), /^10:30\sa\.\sm\./);
  // The new time's seat is kept while the reason is typed.
  await expect(dialog.getByLabel('Nueva hora').locator('option:checked')).toHaveText(/apartada para este ciudadano/);
  await expect(dialog.getByRole('status').filter({ hasText: 'La hora queda apartada para el ciudadano hasta las' })).toBeVisible();
  // Without a reason it is not moved.
  await tabTo(page, dialog.getByRole('button', { name: 'Cambiar la hora' }));
  await page.keyboard.press('Enter');
  await expect(dialog.locator('#motivo-cambio-error')).toContainText('Escriba el motivo del cambio');
  await expect(dialog.getByLabel('Motivo')).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.type('La ciudadana pidió otro día por teléfono.');
  await tabTo(page, dialog.getByRole('button', { name: 'Cambiar la hora' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const notice = page.getByRole('status').filter({ hasText: `La cita ${booked} quedó para el jueves 3 de diciembre de 2026 a las 10:30` });
  await expect(notice).toBeFocused();
  await expect(page.getByRole('row').filter({ hasText: booked })).toContainText('jueves 3 de diciembre de 2026, 10:30');

  // The history names the Contact Center, with the reason; the citizen's "Mi cita" says who.
  await page.getByRole('button', { name: `Ver historial ${booked}` }).click();
  const history = page.locator('.history');
  await expect(history).toContainText('Agendada');
  await expect(history).toContainText('Cambiada de fecha u hora · Contact Center');
  await expect(history).toContainText('La ciudadana pidió otro día por teléfono.');
  const lookup = await api.post(`/api/v1/appointments/${booked}/lookup`, { data: { document: { kind: 'CC', number: CALLER.cedula } } });
  expect(lookup.status()).toBe(200);
  expect((await lookup.json()).changed_by).toBe('Contact Center');
  await expectAccessible(page);
});

test('at 320 px the booking screen reflows, and no word of its buttons or of the spelling breaks', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'es-CO' });
  const page = await context.newPage();
  await signIn(page, AGENT, '/funcionarios/agendar');
  await page.getByLabel('Servicio').selectOption('dudas');
  await page.getByLabel('Oficina').selectOption('cali');
  await expect(page.getByLabel('Día').locator('option')).not.toHaveCount(1);
  await page.getByLabel('Día').selectOption('2026-12-16');
  await page.getByLabel('Hora').selectOption({ index: 1 });
  const reflows = async (name: string) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal scroll on ${name}`).toBe(0);
    expect(await brokenWords(page), `words broken across lines on ${name}`).toEqual([]);
  };
  await reflows('the form');
  await expectAccessible(page);
  await page.getByLabel('Número de documento').fill('52111222');
  await page.getByLabel('Nombre completo').fill('Óscar Angosto');
  await page.getByLabel('El ciudadano aceptó de viva voz el tratamiento de sus datos').check();
  await page.getByRole('button', { name: 'Agendar', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cita agendada');
  await reflows('the confirmation');
  const spelling = await page.locator('.spelled li').evaluateAll((items) =>
    items.filter((li) => new Set([...li.getClientRects()].map((r) => Math.round(r.top))).size > 1 || li.scrollWidth > li.clientWidth)
      .map((li) => li.textContent));
  expect(spelling, 'spelled characters broken or cut').toEqual([]);
  await expect(page.getByText('No dio correo: no recibirá confirmación. Pídale que anote el código.')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/confirmation-320.png`, fullPage: true });
  await expectAccessible(page);
  await context.close();
});
