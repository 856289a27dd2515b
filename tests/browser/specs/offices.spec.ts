import { test, expect } from '@playwright/test';
import { expectAccessible, proofOfWork } from './fixtures';

test('the directory lists the 18 offices, finds them without accents, and books from an office', async ({ page }) => {
  await page.goto('/oficinas');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Oficinas de la Defensoría');
  await expect(page.locator('.offices li')).toHaveCount(18);
  await expectAccessible(page);
  const search = page.getByLabel('Buscar por ciudad o departamento');
  await search.fill('narino');
  await expect(page.locator('.offices li')).toHaveText([/^Ipiales/, /^Pasto/]);
  await expect(page.locator('p[role="status"]')).toHaveText('2 oficinas');
  await search.fill('cucuta');
  await expect(page.locator('.offices li')).toHaveText([/^Cúcuta/]);
  // Capitals with accents, as typed with caps lock on.
  await search.fill('BOGOTÁ');
  await expect(page.locator('.offices li')).toHaveText([/^Bogotá/]);
  await search.fill('zzz');
  await expect(page.locator('p[role="status"]')).toHaveText('Ninguna oficina coincide con «zzz».');

  await page.goto('/oficinas/cali');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cali');
  await expect(page.locator('main')).toContainText('Calle 11 n.º 3-72, Edificio Belalcázar');
  await expect(page.getByRole('link', { name: 'Ver en el mapa (OpenStreetMap)' })).toHaveAttribute('href', /openstreetmap\.org\/\?mlat=3\.452&mlon=-76\.532/);
  await expect(page.locator('main ul').first()).toContainText('martes 1 de diciembre de 2026');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Agendar en Cali' }).click();
  await expect(page).toHaveTitle(/Paso 1 de 6/);
  await page.getByLabel(/Sugerencias y propuestas/).check();
  await page.getByRole('button', { name: 'Continuar' }).click();
  // The city is already chosen: straight to the date.
  await expect(page).toHaveTitle(/Paso 3 de 6: Fecha/);
  await expect(page.locator('main')).toContainText('Oficina de Cali.');
});

test('an office with no free seat offers the nearest ones that have, and the phone', async ({ page, request }) => {
  // Girardot has one desk: take every seat of its booking window.
  const availability = await (await request.get('/api/v1/offices/girardot/availability')).json();
  const starts: string[] = availability.days.flatMap((d: any) => d.slots.filter((s: any) => s.available > 0).map((s: any) => s.start));
  for (let i = 0; i < starts.length; i += 25) {
    await Promise.all(starts.slice(i, i + 25).map(async (start, j) => request.post('/api/v1/appointments', {
      headers: await proofOfWork(request),
      data: { office: 'girardot', service: 'dudas', start, name: 'Ocupado', consent: true,
              document: { kind: 'CC', number: String(50_000_000 + i + j) } },
    }).then((r) => expect(r.status()).toBe(201))));
  }
  await page.goto('/agendar/fecha?servicio=dudas&oficina=girardot');
  await expect(page.getByRole('alert')).toContainText('No quedan citas libres en esta oficina');
  const nearby = page.locator('.alternatives li');
  await expect(nearby).toHaveCount(3);
  // The server's clock runs on from 7:00, so the first time is 8:00 or, a second later, 8:30.
  await expect(nearby.first()).toContainText(/^Bogotá \(\d+ km\): primer cupo el martes 1 de diciembre de 2026 a las \d+:\d\d\sa\.\sm\./);
  await expect(page.locator('.alternatives')).toContainText('601 307 8064');
  await expectAccessible(page);
  await nearby.first().getByRole('link', { name: 'Agendar en Bogotá' }).click();
  await expect(page).toHaveURL('/agendar/fecha?servicio=dudas&oficina=bogota');
  await expect(page.locator('main')).toContainText('Oficina de Bogotá.');
});
