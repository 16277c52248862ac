import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { Tend } from './support/tend';
import { addLongRows, everyRoute, screenReady } from './support/long-values';

const WIDTHS = [360, 1280];
const SCHEMES = ['light', 'dark'] as const;
// Every WCAG 2.x success criterion at levels A and AA that axe can check.
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

async function violations(page: Page): Promise<string[]> {
  // Legacy mode runs axe in the page itself; the default opens a blank page for every run, which
  // took three times as long here (there are no frames to combine).
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA).setLegacyMode(true).analyze();
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

test.describe('Accessibility', () => {
  test('every screen passes axe’s WCAG 2.x A and AA rules, light and dark, on a phone and a desktop', async ({ page }) => {
    // 27 screens, four looks each: about a minute on two cores.
    test.setTimeout(240_000);
    const tend = new Tend(page);
    const ids = await addLongRows(tend);

    for (const route of everyRoute(ids)) {
      await tend.open(route);
      await screenReady(page);
      for (const colorScheme of SCHEMES) {
        await page.emulateMedia({ colorScheme });
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 800 });
          expect(await violations(page), `/${route}, ${colorScheme}, ${width} px`).toEqual([]);
        }
      }
    }
  });

  test('a toast, the tab bar and a refused form pass too', async ({ page }) => {
    const tend = new Tend(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await tend.loadSampleData();
    await page.getByRole('button', { name: 'Clear completed' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Deleted 1 completed to-do' })).toBeVisible();
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme });
      expect(await violations(page), `the to-do list with a toast, ${colorScheme}`).toEqual([]);
    }
    await tend.open('posts/new');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(tend.field('Title')).toHaveAttribute('aria-invalid', 'true');
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme });
      expect(await violations(page), `a refused post form, ${colorScheme}`).toEqual([]);
    }
  });
});
