// The app runs whole under its Content-Security-Policy: a booking from the first screen to the
// confirmation, with its inline scripts, its wasm, its parts and its proof-of-work worker,
// causes not one violation.
import { test, expect } from '@playwright/test';
import { chooseUpToReview } from './fixtures';

test('a booking runs under the Content-Security-Policy without one violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`));
  });
  const policy = (await page.request.get('/')).headers()['content-security-policy'];
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(policy).not.toContain('unsafe-inline');

  await chooseUpToReview(page, {
    city: 'Cali', day: 'jueves 3 de diciembre de 2026', time: '9:00 a. m.',
    document: '1.098.765.432', name: 'Luz Dary Ospina',
  });
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Confirmar la cita' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Su cita está agendada');
  expect(violations).toEqual([]);
});
