// Ley 1581 de 2012 on the citizen's device and in "Mi cita": the browser keeps no name, e-mail
// or phone, and nothing it keeps outlives the appointment; "Olvidar en este dispositivo" clears
// what it keeps; "Sus datos personales" shows everything the server keeps about the document and
// deletes it; no cache of the service worker holds personal data.
import { expect, Page, APIRequestContext } from '@playwright/test';
import { test, chooseUpToReview, expectAccessible, proofOfWork, tabUntilFocused } from './fixtures';

/** Everything this site keeps in the browser's storage, as text. */
async function storedText(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]));
}

/** Books through the wizard, with e-mail and phone, and returns the code. */
async function bookWithContacts(page: Page, who: { city: string; day: string; time: string; document: string; name: string; email: string; phone: string }) {
  await chooseUpToReview(page, who);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Confirmar la cita' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Su cita está agendada');
  return (await page.locator('.code').textContent())!.trim();
}

async function bookViaApi(request: APIRequestContext, start: string, cedula: string, extra: Record<string, string> = {}) {
  const response = await request.post('/api/v1/appointments', {
    headers: await proofOfWork(request),
    data: { office: 'cali', service: 'dudas', start, name: 'Valentina Borrable', consent: true,
            document: { kind: 'CC', number: cedula }, ...extra },
  });
  expect(response.status()).toBe(201);
  return response.json();
}

/** Goes to `path` inside the app, as its own links do (what this visit holds in memory stays). */
async function goWithinApp(page: Page, path: string) {
  await page.evaluate((path) => {
    history.pushState(null, '', path);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

test('the device keeps no name, e-mail or phone of a booking, and nothing past', async ({ page }) => {
  const who = {
    city: 'Bogotá', day: 'jueves 3 de diciembre de 2026', time: '9:00 a. m.',
    document: '1.034.567.890', name: 'Mariana Privada', email: 'mariana.privada@example.co', phone: '3104567890',
  };
  const code = await bookWithContacts(page, who);
  // Right after booking, the answer held in memory shows the name.
  await expect(page.locator('main')).toContainText('Mariana Privada');

  const stored = await storedText(page);
  for (const personal of ['Mariana', 'mariana.privada', '3104567890', '1034567890', '1.034.567.890']) {
    expect(stored, `the browser's storage holds ${personal}`).not.toContain(personal);
  }
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('citas.citas')!));
  expect(kept).toHaveLength(1);
  expect(Object.keys(kept[0]).sort()).toEqual(['code', 'document', 'end', 'office', 'start', 'status']);
  expect(kept[0]).toMatchObject({ code, status: 'booked', office: { id: 'bogota' }, document: { kind: 'CC', masked: 'CC •••890' } });

  // Reopened later, the page shows what the device keeps: no name.
  await page.reload();
  await expect(page.locator('.code')).toHaveText(code);
  await expect(page.locator('main')).toContainText('jueves 3 de diciembre de 2026');
  await expect(page.locator('main')).toContainText('CC •••890');
  await expect(page.locator('main')).not.toContainText('Mariana');
  await expectAccessible(page);

  // What an older version kept (the whole appointment) is rewritten; what is over is dropped.
  const [whole] = kept.map((k: object) => ({ ...k, name: 'Mariana Privada', email: 'mariana.privada@example.co', phone: '3104567890' }));
  const past = { ...whole, code: 'PAST-PAST', start: '2026-11-30T09:00:00-05:00', end: '2026-11-30T09:30:00-05:00' };
  await page.evaluate((all) => localStorage.setItem('citas.citas', JSON.stringify(all)), [whole, past]);
  await page.goto('/');
  const mine = page.getByRole('region', { name: 'Sus citas en este dispositivo' });
  await expect(mine.getByRole('listitem')).toHaveText([/^Bogotá · jueves 3 de diciembre de 2026, 9:00\sa\.\sm\.$/]);
  await expect.poll(() => storedText(page)).not.toContain('Mariana');
  const tidied = await page.evaluate(() => JSON.parse(localStorage.getItem('citas.citas')!));
  expect(tidied.map((k: { code: string }) => k.code)).toEqual([code]);
  expect(Object.keys(tidied[0]).sort()).toEqual(['code', 'document', 'end', 'office', 'start', 'status']);
});

test('"Olvidar en este dispositivo" from the first screen clears what is kept, by keyboard', async ({ page }) => {
  const code = await bookWithContacts(page, {
    city: 'Medellín', day: 'viernes 4 de diciembre de 2026', time: '9:00 a. m.',
    document: '43.567.890', name: 'Olga Olvido', email: 'olga@example.co', phone: '3001112233',
  });
  await page.getByRole('link', { name: 'Volver al inicio' }).click();
  const mine = page.getByRole('region', { name: 'Sus citas en este dispositivo' });
  await expect(mine.getByRole('link', { name: /^Medellín · viernes 4 de diciembre de 2026/ })).toBeVisible();
  await expectAccessible(page);

  await page.locator('body').focus();
  await tabUntilFocused(page, /^Olvidar en este dispositivo$/);
  await page.keyboard.press('Enter');
  // First what it does, and that the appointments stay booked.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('¿Olvidar sus citas en este dispositivo?');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.locator('main')).toContainText('Sus citas no se cancelan');
  await expectAccessible(page);
  await tabUntilFocused(page, /^Sí, olvidar$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Este dispositivo ya no guarda sus citas');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expectAccessible(page);

  const stored = await page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
  expect(Object.keys(stored.local).filter((k) => k !== 'citas.idioma')).toEqual([]);
  expect(JSON.stringify(stored.session)).not.toMatch(/Olga|43567890|olga@|3001112233/);
  // Nor does this visit remember it: it must be found again, with the document.
  await goWithinApp(page, `/cita/${code}`);
  await expect(page).toHaveURL(`/mi-cita?codigo=${code}`);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Agende su cita');
  await expect(page.getByRole('region', { name: 'Sus citas en este dispositivo' })).toHaveCount(0);
});

test('"Olvidar en este dispositivo" from "Mi cita" forgets what this visit holds too', async ({ page, request }) => {
  const booked = await bookViaApi(request, '2026-12-07T08:30:00-05:00', '31234567', { email: 'valentina@example.co' });
  await page.goto(`/mi-cita?codigo=${booked.code}`);
  await page.getByLabel('Número de documento').fill('31234567');
  await page.getByRole('button', { name: 'Buscar mi cita' }).click();
  await expect(page).toHaveURL(`/cita/${booked.code}`);
  await expect(page.locator('main')).toContainText('Valentina Borrable');

  await page.getByRole('link', { name: 'Olvidar en este dispositivo' }).click();
  await page.getByRole('button', { name: 'Sí, olvidar' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Este dispositivo ya no guarda sus citas');
  expect(await page.evaluate(() => localStorage.getItem('citas.citas'))).toBeNull();
  await goWithinApp(page, `/cita/${booked.code}`);
  await expect(page).toHaveURL(`/mi-cita?codigo=${booked.code}`);
});

test('"Sus datos personales" shows everything kept and deletes it, by keyboard', async ({ page, request }) => {
  // An earlier appointment of the same document, cancelled, and the one to come.
  const earlier = await bookViaApi(request, '2026-12-09T10:00:00-05:00', '52987654', { phone: '3157654321' });
  const document = { kind: 'CC', number: '52987654' };
  expect((await request.post(`/api/v1/appointments/${earlier.code}/cancel`, { data: { document } })).status()).toBe(200);
  const booked = await bookViaApi(request, '2026-12-10T10:00:00-05:00', '52987654', { email: 'valentina@example.co', phone: '3157654321' });

  await page.goto(`/cita/${booked.code}`);
  await expect(page).toHaveURL(`/mi-cita?codigo=${booked.code}`);
  await page.getByLabel('Número de documento').fill('52987654');
  await page.getByRole('button', { name: 'Buscar mi cita' }).click();
  await expect(page).toHaveURL(`/cita/${booked.code}`);
  const section = page.getByRole('region', { name: 'Sus datos personales' });
  await expect(section).toContainText('Puede ver todo lo que la Defensoría guarda sobre su documento');
  await expectAccessible(page);

  await page.locator('body').focus();
  await tabUntilFocused(page, /^Ver mis datos$/);
  await page.keyboard.press('Enter');
  await expect(section.getByRole('heading', { name: 'Lo que guardamos' })).toBeFocused();
  await expect(section).toContainText('Cédula de ciudadanía 52987654');
  await expect(section.getByRole('heading', { level: 4 })).toHaveText([`Cita ${booked.code}`, `Cita ${earlier.code}`]);
  await expect(section).toContainText('jueves 10 de diciembre de 2026, 10:00 a. m.');
  await expect(section).toContainText('Cali');
  await expect(section).toContainText('Valentina Borrable');
  await expect(section).toContainText('valentina@example.co');
  await expect(section).toContainText('3157654321');
  await expect(section).toContainText('No lo dio'); // the earlier one's e-mail
  await expect(section).toContainText(/Aceptó el aviso de privacidad \(versión [^)]+\) el martes 1 de diciembre de 2026/);
  await expect(section).toContainText('Agendada (usted, en la web)');
  await expect(section).toContainText('Cancelada (usted, en la web)');
  await expect(section).toContainText('Confirmación, por correo electrónico');
  await expect(section).toContainText('hasta 90 días después de cada cita, o 30 días después de cancelarla');
  await expectAccessible(page);

  // A confirmation first, which says what deleting means; going back keeps everything.
  await tabUntilFocused(page, /^Borrar mis datos…$/);
  await page.keyboard.press('Enter');
  await expect(section.getByRole('heading', { name: '¿Borrar sus datos?' })).toBeFocused();
  await expect(section).toContainText('Su cita del jueves 10 de diciembre de 2026 a las 10:00 a. m. en Cali se cancela, y su turno queda libre para otra persona.');
  await expect(section).toContainText('se borran de inmediato');
  await expect(section).toContainText('No se puede deshacer');
  await expectAccessible(page);
  await tabUntilFocused(page, /^No, conservarlos$/);
  await page.keyboard.press('Enter');
  await expect(section.getByRole('button', { name: 'Borrar mis datos…' })).toBeFocused();
  await page.keyboard.press('Enter');
  await tabUntilFocused(page, /^Sí, borrar mis datos$/);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sus datos fueron borrados');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.locator('main')).toContainText('de sus citas (2)');
  await expect(page.locator('main')).toContainText(`Su cita ${booked.code} quedó cancelada`);
  await expect(page.locator('main')).not.toContainText('Valentina');
  await expectAccessible(page);
  expect(await page.evaluate(() => localStorage.getItem('citas.citas'))).toBeNull();

  // On the server: the code and document find nothing, and the seat is free again.
  for (const action of ['lookup', 'data']) {
    expect((await request.post(`/api/v1/appointments/${booked.code}/${action}`, { data: { document } })).status()).toBe(404);
  }
  await expect.poll(async () => {
    const day = await (await request.get('/api/v1/offices/cali/availability?from=2026-12-10&to=2026-12-10')).json();
    const slot = day.days[0].slots.find((s: { start: string }) => s.start.startsWith('2026-12-10T10:00'));
    return slot.available === slot.capacity;
  }).toBe(true);
});

test('no cache of the service worker holds personal data after a booking and "Mi cita"', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const code = await bookWithContacts(page, {
    city: 'Pereira', day: 'lunes 7 de diciembre de 2026', time: '11:00 a. m.',
    document: '1.112.223.334', name: 'Camila Cacheada', email: 'camila.cache@example.co', phone: '3209876543',
  });
  await page.getByRole('button', { name: 'Ver mis datos' }).click();
  await expect(page.getByRole('heading', { name: 'Lo que guardamos' })).toBeVisible();
  await page.reload();
  await expect(page.locator('.code')).toHaveText(code);

  const readCaches = () => page.evaluate(async () => {
    const entries: { url: string; body: string }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        entries.push({ url: request.url, body: await (await cache.match(request))!.text() });
      }
    }
    return entries;
  });
  // The worker did cache what this visit fetched through it (the page, the catalogue after the
  // reload), and none of it is about the citizen.
  await expect.poll(async () => (await readCaches()).map((e) => new URL(e.url).pathname))
    .toEqual(expect.arrayContaining(['/index.html', '/api/v1/offices']));
  const cached = await readCaches();
  for (const { url, body } of cached) {
    expect(url).not.toMatch(/\/api\/v1\/(appointments|staff)/);
    for (const personal of ['Camila', 'camila.cache', '3209876543', '1112223334', '1.112.223.334', code]) {
      expect(body, `${url} holds ${personal}`).not.toContain(personal);
    }
  }
});
