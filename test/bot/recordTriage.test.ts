// A triage's log fields: on the turn's own line when the edge writes one, on a line of their own otherwise.
import { recordTriage } from '../../src/bot/commands/pasteCommand';
import { handlerContext } from '../../src/bot/reply';
import type { BotServices } from '../../src/bot/services';
import { triageText } from '../../src/bot/triageFlow';
import { captureLogs, FakeTelemetry, NOW } from './fakes';
import { CONNECTION_STRING, DEVICE_KEY, THUMBPRINT_LOG } from './samples';

function setup() {
  const logs = captureLogs();
  const services: BotServices = { clock: () => NOW, logger: logs.logger, telemetry: new FakeTelemetry() };
  return { logs, services, ctx: handlerContext('en', services, { allowedTenantIds: [] }) };
}

describe('recordTriage', () => {
  it('without a turn line, writes a triage line of its own: verdict, kinds, counts and timings, never the text', async () => {
    const { logs, services, ctx } = setup();
    const run = await triageText(`${THUMBPRINT_LOG}\n${CONNECTION_STRING}`, services, {}, { lang: 'en' });
    recordTriage(run, 'question', ctx);
    const lines = logs.lines();
    expect(lines).toEqual([
      expect.objectContaining({
        event: 'triage',
        source: 'question',
        verdict: run.triage.verdict,
        kinds: expect.arrayContaining(['thumbprint-mismatch', 'secret-exposed']),
        lines: run.triage.input.lines,
        triageMs: expect.any(Number),
        totalMs: expect.any(Number),
      }),
    ]);
    expect(logs.raw()).not.toContain(DEVICE_KEY);
    expect(logs.raw()).not.toContain('Thumbprint does not match');
  });

  it("with a turn line, adds the same fields to it and writes nothing itself", async () => {
    const { logs, services, ctx } = setup();
    const turnLog: Record<string, unknown> = {};
    ctx.turnLog = turnLog;
    const run = await triageText(THUMBPRINT_LOG, services, {}, { lang: 'en' });
    recordTriage(run, 'paste', ctx);
    expect(logs.lines()).toEqual([]);
    expect(turnLog).toMatchObject({ verdict: run.triage.verdict, kinds: ['thumbprint-mismatch'], devices: run.triage.devices.length, triageMs: expect.any(Number) });
  });
});
