// The directory's own bookkeeping, over counting registries (no SDK here: the nock suite,
// hubDirectory.test.ts, covers the real clients). Pins that the directory itself never asks a hub twice
// for a device within the cache window, whatever the adapter under it caches.
import type { DeviceRecord, RegistryLookup } from '../../src/triage/types';
import { createHubDirectory, type DirectoryHub } from '../../src/registry/hubDirectory';
import { Limiter } from '../../src/registry/limiter';
import type { DeviceRegistry } from '../../src/registry/port';

function countingHub(name: string, has: string[]): DirectoryHub & { asked: string[] } {
  const asked: string[] = [];
  const registry: DeviceRegistry = {
    source: 'iothub',
    describe: () => `IoT Hub ${name}`,
    lookup: async (ids: string[]): Promise<RegistryLookup> => {
      asked.push(...ids);
      const devices = new Map<string, DeviceRecord | null>(ids.map((id) => [id, has.includes(id) ? { deviceId: id, status: 'enabled', authType: 'sas' } : null]));
      return { devices, source: 'iothub', hub: `${name}.azure-devices.net` };
    },
  };
  return { name, host: `${name}.azure-devices.net`, registry, asked };
}

describe('the directory cache', () => {
  it('asks each (hub, device) at most once within the window, and never past a device already found', async () => {
    const prod = countingHub('contoso-prod', []);
    const test = countingHub('contoso-test', ['pump-0043']);
    const eu = countingHub('contoso-eu', []);
    const d = createHubDirectory({ hubs: [prod, test, eu], concurrency: 1, limiter: new Limiter(2) });
    await d.locate(['pump-0043', 'pump-0050']);
    await d.locate(['pump-0043', 'pump-0050']);
    await d.locate(['pump-0050', 'pump-0043'], { preferredHubs: ['contoso-eu'] });
    expect(prod.asked).toEqual(['pump-0043', 'pump-0050']);
    expect(test.asked).toEqual(['pump-0043', 'pump-0050']);
    // pump-0043 was found in contoso-test before contoso-eu's turn: contoso-eu was never asked for it.
    expect(eu.asked).toEqual(['pump-0050']);
  });

  it('forgets after the TTL', async () => {
    let now = 0;
    const prod = countingHub('contoso-prod', []);
    const d = createHubDirectory({ hubs: [prod], cacheTtlMs: 1, limiter: new Limiter(1), clock: () => now });
    await d.locate(['pump-0042']);
    await new Promise((r) => setTimeout(r, 20));
    now += 20;
    await d.locate(['pump-0042']);
    expect(prod.asked).toEqual(['pump-0042', 'pump-0042']);
  });
});

describe('the per-process bound', () => {
  it('two directories sharing one limiter never have more hub lookups in flight than its limit', async () => {
    const limiter = new Limiter(2);
    let inFlight = 0;
    let peak = 0;
    const slowHub = (name: string): DirectoryHub => ({
      name,
      registry: {
        source: 'iothub',
        describe: () => name,
        lookup: async (ids: string[]): Promise<RegistryLookup> => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          // Yield a few times so other lookups get the chance to start if the bound let them.
          for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
          inFlight--;
          return { devices: new Map(ids.map((id) => [id, null])), source: 'iothub' };
        },
      },
    });
    const a = createHubDirectory({ hubs: ['a1', 'a2', 'a3'].map(slowHub), concurrency: 3, limiter });
    const b = createHubDirectory({ hubs: ['b1', 'b2', 'b3'].map(slowHub), concurrency: 3, limiter });
    const [ra, rb] = await Promise.all([a.locate(['x']), b.locate(['y'])]);
    expect(ra.answers).toHaveLength(3);
    expect(rb.answers).toHaveLength(3);
    expect(peak).toBe(2);
  });
});

describe('Limiter', () => {
  it('never runs more than its limit at once, and runs every task', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    const tasks = Array.from({ length: 5 }, (_, i) =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((r) => release.push(r));
        running--;
        return i;
      }),
    );
    let released = 0;
    while (released < 5) {
      await new Promise((r) => setImmediate(r));
      expect(running).toBeLessThanOrEqual(2);
      const next = release.shift();
      if (next) {
        next();
        released++;
      }
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });
});
