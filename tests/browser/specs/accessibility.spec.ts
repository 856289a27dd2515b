// WCAG 2.2 AA on every route: axe-core at phone and desktop sizes, light and dark, with error
// states; reflow at 320 px; target sizes; a page without JavaScript; the keyboard alone.
import { expect, Page, APIRequestContext } from '@playwright/test';
import { test, atServerTime, brokenWords, expectAccessible, proofOfWork } from './fixtures';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** An appointment booked through the API and remembered by this browser, for /cita/{code}. */
async function rememberedAppointment(page: Page, request: APIRequestContext, start: string, cedula: string) {
  const response = await request.post('/api/v1/appointments', {
    headers: await proofOfWork(request),
    data: { office: 'tunja', service: 'derechos', start, name: 'Rosa Amaya', consent: true,
            document: { kind: 'CC', number: cedula } },
  });
  expect(response.status()).toBe(201);
  const appointment = await response.json();
  await page.addInitScript((a) => localStorage.setItem('citas.citas', JSON.stringify([a])), appointment);
  return appointment.code as string;
}

/** What the screens below are driven by, in each language. */
const LABELS = {
  es: { next: 'Continuar', nitNumber: 'Número de NIT con dígito de verificación', name: 'Nombre completo',
        confirm: 'Confirmar la cita', search: 'Buscar mi cita', forget: 'Sí, olvidar',
        join: 'Inscribirme en la lista de espera', lookUp: 'Consultar mi inscripción', book: 'Agendar una cita' },
  en: { next: 'Continue', nitNumber: 'NIT number with check digit', name: 'Full name',
        confirm: 'Confirm the appointment', search: 'Find my appointment', forget: 'Yes, forget',
        join: 'Join the waiting list', lookUp: 'Look up my place', book: 'Book an appointment' },
};
type Language = keyof typeof LABELS;

/** Every screen, in its normal and its error states. */
async function visitEveryScreen(page: Page, request: APIRequestContext, run: number, check: (name: string) => Promise<void>, language: Language = 'es') {
  const L = LABELS[language];
  await page.goto('/');
  await check('inicio');
  await page.goto('/agendar/servicio');
  await page.getByRole('button', { name: L.next }).click();
  await expect(page.locator('#servicio-error')).toBeVisible();
  await check('servicio, sin elegir');
  await page.goto('/agendar/ciudad?servicio=dudas');
  await page.getByRole('radio').first().waitFor();
  await check('ciudad');
  await page.goto('/agendar/fecha?servicio=dudas&oficina=valledupar');
  await page.locator('.calendar').first().waitFor();
  await check('fecha');
  await page.goto('/agendar/hora?servicio=dudas&oficina=valledupar&fecha=2026-12-15');
  await page.getByRole('radio').first().waitFor();
  await page.getByRole('button', { name: L.next }).click();
  await check('hora, sin elegir');
  // A day beyond the booking window: no times at all.
  await page.goto('/agendar/hora?servicio=dudas&oficina=valledupar&fecha=2027-02-01');
  await page.locator('.alert').first().waitFor();
  await check('hora, sin cupos');
  await page.goto('/agendar/datos?servicio=dudas&oficina=valledupar&fecha=2026-12-15&hora=10:00');
  await page.getByLabel('NIT').check();
  await page.getByLabel(L.nitNumber).fill('800197268');
  await page.getByRole('button', { name: L.next }).click();
  await expect(page.locator('#numero-error')).toBeVisible();
  await check('datos, con errores');
  await page.getByLabel(L.nitNumber).fill('800197268-4');
  await page.getByLabel(L.name).fill('Comercializadora del Cesar S.A.S.');
  await page.getByRole('button', { name: L.next }).click();
  await page.getByRole('button', { name: L.confirm }).click();
  await expect(page.locator('#autorizacion-error')).toBeVisible();
  await check('confirmar, sin autorización');
  await page.goto('/mi-cita');
  await page.getByRole('button', { name: L.search }).click();
  await check('mi cita, con errores');
  await page.goto('/lista-de-espera/unirse?servicio=dudas&oficina=valledupar');
  await page.getByRole('button', { name: L.join }).click();
  // The document and name typed in the wizard came along; the e-mail is required here.
  await expect(page.locator('#correo-error')).toBeVisible();
  await check('lista de espera, con errores');
  await page.goto('/lista-de-espera');
  await page.getByRole('button', { name: L.lookUp }).click();
  await expect(page.locator('#codigo-error')).toBeVisible();
  await check('lista de espera: consultar, con errores');
  await page.goto('/oferta/no-existe');
  await page.getByRole('link', { name: L.book }).waitFor();
  await check('cupo ofrecido, ya no disponible');
  // Each run books its own slot in Tunja (one desk) with its own cédula.
  const start = `2026-12-16T${String(8 + run).padStart(2, '0')}:00:00-05:00`;
  const code = await rememberedAppointment(page, request, start, String(61_000_000 + run));
  await page.goto(`/cita/${code}`);
  await page.locator('.code').waitFor();
  await check('cita');
  await page.getByRole('button', { name: L.next }).click();
  await check('cita, documento vacío');
  await page.goto('/olvidar');
  await page.getByRole('button').filter({ hasText: L.forget }).waitFor();
  await check('olvidar en este dispositivo');
  await page.goto('/accesibilidad');
  await check('declaración de accesibilidad');
  await page.goto('/oficinas');
  await page.locator('.offices li').first().waitFor();
  await check('oficinas');
  await page.goto('/oficinas/pasto');
  await page.locator('main ul').first().waitFor();
  await check('oficina');
  await page.goto('/no-existe');
  await check('no encontrada');
}

const VARIANTS = [
  ['celular', PHONE, 'light', 'es'], ['celular', PHONE, 'dark', 'es'],
  ['computador', DESKTOP, 'light', 'es'], ['computador', DESKTOP, 'dark', 'es'],
  ['celular', PHONE, 'light', 'en'], ['computador', DESKTOP, 'dark', 'en'],
] as const;
VARIANTS.forEach(([size, viewport, colorScheme, language], run) => {
  test(`axe finds nothing on any screen: ${size}, ${colorScheme}, ${language}`, async ({ browser, request }) => {
    // The browser's language decides on a first visit.
    const context = await browser.newContext({ viewport, colorScheme, locale: language === 'es' ? 'es-CO' : 'en-US' });
    await atServerTime(context);
    const page = await context.newPage();
    await visitEveryScreen(page, request, run, async () => expectAccessible(page), language);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await context.close();
  });
});

test('with text at 200 % nothing needs horizontal scrolling', async ({ browser, request }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-CO' });
  await atServerTime(context);
  const page = await context.newPage();
  // Text-only zoom, as a phone's "large text" setting does.
  await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
    document.documentElement.style.fontSize = '200%';
  }));
  await visitEveryScreen(page, request, VARIANTS.length + 1, async (name) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal scroll at 200 % text on ${name}`).toBe(0);
  });
  await context.close();
});

test('every screen reflows at 320 px, controls are at least 44 × 44 px, and no word of a button breaks', async ({ browser, request }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'es-CO' });
  await atServerTime(context);
  const page = await context.newPage();
  await visitEveryScreen(page, request, VARIANTS.length, async (name) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal scroll on ${name}`).toBe(0);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('button, .button, .choice, .calendar a, .calendar button, input[type=text], input[type=email], input[type=tel], .back-link')]
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => ({ el: (el.textContent ?? '').trim().slice(0, 30), box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 44 || box.height < 44)
        .map(({ el, box }) => `${el} ${Math.round(box.width)}×${Math.round(box.height)}`));
    expect(small, `targets under 44 px on ${name}`).toEqual([]);
    expect(await brokenWords(page), `words broken across lines on ${name}`).toEqual([]);
  });
  await context.close();
});

test('without JavaScript the page says what this is and how to book by phone', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 }).last()).toContainText('Agendamiento de citas');
  const text = await page.evaluate(() => document.body.innerText);
  expect(text).toContain('Contact Center de Impuestos: 601 307 8064');
  expect(text).toContain('lunes a viernes de 8:00\u00a0a.\u00a0m. a 7:00\u00a0p.\u00a0m.');
  expect(text).not.toContain('Cargando');
  await context.close();
});

/** Presses Tab until `name` has focus, and checks that focus is visible there. */
async function tabTo(page: Page, name: string | RegExp, role: 'link' | 'button' | 'radio' | 'checkbox' | 'textbox' = 'button') {
  const target = page.getByRole(role, { name });
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      const ring = await target.evaluate((el) => {
        const style = getComputedStyle(el);
        return style.outlineStyle !== 'none' || style.boxShadow !== 'none';
      });
      expect(ring, `no visible focus on ${name}`).toBe(true);
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}`);
}

test('booking, moving and cancelling with the keyboard alone', async ({ page }) => {
  // Each step moves focus to its heading once its view is in place (the title may change a
  // moment before): keys are pressed from there, as a keyboard user would after hearing it.
  await page.goto('/');
  await tabTo(page, 'Agendar una cita', 'link');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  await page.keyboard.press('Tab');                       // first service
  await page.keyboard.press('ArrowDown');                 // the second: dudas
  await expect(page.getByLabel(/Dudas sobre un trámite/)).toBeChecked();
  await tabTo(page, 'Continuar');
  await page.keyboard.press('Enter');

  await expect(page).toHaveTitle(/Paso 2 de 6/);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.keyboard.press('Tab');                       // Armenia
  await page.keyboard.press('ArrowDown');                 // Barranquilla
  await expect(page.getByLabel(/^Barranquilla/)).toBeChecked();
  await tabTo(page, 'Continuar');
  await page.keyboard.press('Enter');

  await expect(page).toHaveTitle(/Paso 3 de 6/);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await tabTo(page, /^martes 1 de diciembre de 2026: \d+ cupos libres/, 'link');
  await page.keyboard.press('ArrowRight');                // Wednesday 2
  await page.keyboard.press('ArrowDown');                 // Wednesday 9
  await expect(page.getByRole('link', { name: /^miércoles 9 de diciembre de 2026/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');                 // Wednesday 16
  await page.keyboard.press('ArrowLeft');                 // Tuesday 15
  await page.keyboard.press('Enter');

  await expect(page).toHaveTitle(/Paso 4 de 6/);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  // The times come from the server: on a slow machine they may arrive after the heading.
  await expect(page.getByLabel(/^8:00\sa\.\sm\./)).toBeEnabled();
  await page.keyboard.press('Tab');                       // 8:00
  await page.keyboard.press('ArrowDown');                 // 8:30
  await expect(page.getByLabel(/^8:30\sa\.\sm\./)).toBeChecked();
  await tabTo(page, 'Continuar');
  await page.keyboard.press('Enter');

  await expect(page).toHaveTitle(/Paso 5 de 6/);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await tabTo(page, 'Número de documento', 'textbox');
  await page.keyboard.type('1045678901');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Jorge Iván Mejía');
  await tabTo(page, 'Continuar');
  await page.keyboard.press('Enter');

  await expect(page).toHaveTitle(/Paso 6 de 6/);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await tabTo(page, /Autorizo el tratamiento/, 'checkbox');
  await page.keyboard.press('Space');
  await tabTo(page, 'Confirmar la cita');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Su cita está agendada');
  await expect(page.locator('main')).toContainText('martes 15 de diciembre de 2026');

  await tabTo(page, 'Cambiar fecha u hora', 'link');
  await page.keyboard.press('Enter');
  await expect(page).toHaveTitle(/Cambio de cita: paso 1 de 3/);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await tabTo(page, /^martes 1 de diciembre de 2026: \d+ cupos libres/, 'link');
  await page.keyboard.press('ArrowDown');                 // Tuesday 8: a holiday, still announced
  await expect(page.getByRole('button', { name: 'martes 8 de diciembre de 2026: festivo (Inmaculada Concepción)' })).toBeFocused();
  await page.keyboard.press('End');                       // Friday 11
  await page.keyboard.press('ArrowRight');                // Monday 14, over the weekend
  await page.keyboard.press('ArrowLeft');                 // back to Friday 11
  await expect(page.getByRole('link', { name: /^viernes 11 de diciembre de 2026/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveTitle(/Cambio de cita: paso 2 de 3/);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, 'Continuar');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Confirmar el cambio');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'viernes 11 de diciembre de 2026 a las 8:30 a. m.' })).toBeVisible();

  await tabTo(page, 'Cancelar la cita', 'link');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Sí, cancelar la cita');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Esta cita fue cancelada');
});
