// Shared steps of a citizen going through the wizard, an accessibility check, and the browser's
// clock set to the server's.
import { test as base, expect, Frame, Page, APIRequestContext, BrowserContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import { NOW } from './server';

/** The server's clock starts on Tuesday 1 December 2026 at 7:00 (server.ts). */
export const WEDNESDAY = '2026-12-02';

/** The browser's clock starts at the server's (and runs on): the device drops what it keeps of
 *  an appointment once it is over by its own clock, which must agree with the server's about
 *  which appointments are to come. For the contexts a test makes itself. */
export async function atServerTime(context: BrowserContext) {
  await context.clock.install({ time: new Date(NOW) });
}

/** Playwright's `test`, its page's clock at the server's (`atServerTime`). */
export const test = base.extend({
  context: async ({ context }, use) => {
    await atServerTime(context);
    await use(context);
  },
});

/** Zero axe-core violations (WCAG 2.0–2.2 A and AA, and axe's best practices: landmarks,
 *  regions, heading order) on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** The words of visible buttons that the layout broke across two lines ("Engli / sh"). */
export async function brokenWords(page: Page | Frame): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const control of document.querySelectorAll('button, .button')) {
      if ((control as HTMLElement).offsetParent === null) continue;
      const texts = document.createTreeWalker(control, NodeFilter.SHOW_TEXT);
      for (let node = texts.nextNode(); node; node = texts.nextNode()) {
        for (const word of (node.textContent ?? '').matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index!);
          range.setEnd(node, word.index! + word[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(word[0]);
        }
      }
    }
    return broken;
  });
}

/** From the first screen to the review step, choosing by visible text as a citizen would. */
export async function chooseUpToReview(
  page: Page,
  { city, day, time, document, name, email, phone }:
    { city: string; day: string; time: string; document: string; name: string; email?: string; phone?: string },
) {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Agende su cita');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Agendar una cita' }).click();

  await expect(page).toHaveTitle(/Paso 1 de 6: Servicio/);
  await page.getByLabel(/Dudas sobre un trámite/).check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Continuar' }).click();

  await expect(page).toHaveTitle(/Paso 2 de 6: Ciudad/);
  await page.getByLabel(new RegExp(`^${city}`)).check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Continuar' }).click();

  await expect(page).toHaveTitle(/Paso 3 de 6: Fecha/);
  await expectAccessible(page);
  await page.getByRole('link', { name: new RegExp(`^${day}: \\d+ cupos? libres?`) }).click();

  await expect(page).toHaveTitle(/Paso 4 de 6: Hora/);
  // Times are written with no-break spaces ("8:00 a. m." never splits across lines).
  await page.getByLabel(new RegExp(`^${time.replaceAll('.', '\\.').replaceAll(' ', '\\s')}`)).check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Continuar' }).click();

  await expect(page).toHaveTitle(/Paso 5 de 6: Sus datos/);
  await page.getByLabel('Número de documento').fill(document);
  await page.getByLabel('Nombre completo').fill(name);
  if (email) await page.getByLabel('Correo electrónico (opcional)').fill(email);
  if (phone) await page.getByLabel('Teléfono (opcional)').fill(phone);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Continuar' }).click();

  await expect(page).toHaveTitle(/Paso 6 de 6: Revisar y confirmar/);
}

/** The headers of a hold or booking sent straight to the API: the solved proof of work that
 *  the app's worker (public/proof-of-work.js) would send, found the same way. */
export async function proofOfWork(request: APIRequestContext, base = ''): Promise<Record<string, string>> {
  const c = await (await request.get(`${base}/api/v1/challenge`)).json();
  for (let number = 0; number <= c.maxnumber; number++) {
    if (createHash('sha256').update(c.salt + number).digest('hex') === c.challenge) {
      const solution = { algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature };
      return { Altcha: Buffer.from(JSON.stringify(solution)).toString('base64') };
    }
  }
  throw new Error('a challenge without a solution');
}

/** Books a seat directly through the API, as another citizen would meanwhile. */
export async function bookViaApi(request: APIRequestContext, office: string, start: string, cedula: string) {
  const response = await request.post('/api/v1/appointments', {
    headers: await proofOfWork(request),
    data: {
      office, service: 'dudas', start, name: 'Otra Persona', consent: true,
      document: { kind: 'CC', number: cedula },
    },
  });
  expect(response.status()).toBe(201);
}

/** Presses Tab until the focused element's accessible name matches `name`. */
export async function tabUntilFocused(page: Page, name: RegExp, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.getAttribute('aria-label') ?? el.innerText ?? '').replace(/\s+/g, ' ').trim() : '';
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}
