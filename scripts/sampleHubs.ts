// The hubs `npm run dev` reads when no hub is configured: contoso-prod and contoso-test (pump-0043 lives in
// contoso-test, where DPS put it, so the examples card's "not registered" paste shows the wrong-hub case),
// then the single-hub sample as hub contoso-hub. The first file is also the single-registry fallback.
// Paths are relative to the repository root.
export const SAMPLE_SNAPSHOTS = 'samples/hubs/contoso-prod.json,samples/hubs/contoso-test.json,samples/registry-snapshot.json';
export const SAMPLE_DPS = 'samples/hubs/dps-registrations.json';
