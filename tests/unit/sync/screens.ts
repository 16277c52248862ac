// The screens' own functions (saving a form, OK on a card) write to the app's one database,
// `db` in src/db/db.ts. A test file that runs them on simulated devices replaces that module's
// `db` with `screensDb` (vi.mock, below) and runs each call through `on(device, …)`: while the
// call runs, `db` is that device's database. Calls are awaited one at a time, so two devices'
// calls never overlap; the engines use their own device's database and never this one.
//
//   vi.mock('../../../src/db/db', async (original) => (await import('./screens')).withScreensDb(await original()));
import type { TendDB } from '../../../src/db/schema';
import type { Device } from './devices';

let current: TendDB | undefined;

/** The module src/db/db.ts with its `db` answering as the device a call runs on. */
export function withScreensDb<Module extends { db: TendDB }>(original: Module): Module {
  const db = new Proxy(original.db, {
    get(fallback, property) {
      const target = current ?? fallback;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...original, db };
}

/** Runs a screen's function on `device`, as a person on that device would. */
export async function on<T>(device: Device, act: () => Promise<T>): Promise<T> {
  if (current) throw new Error('Screens on two devices at once: await each call before the next');
  current = device.db;
  try {
    return await act();
  } finally {
    current = undefined;
  }
}
