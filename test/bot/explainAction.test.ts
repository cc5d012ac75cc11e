// The Explain button sends the compact triage back from the client: the verdict given to the
// explainer is recomputed from the findings, never taken from what the client says.
import { compactTriage } from '../../src/cards';
import { explainAction } from '../../src/bot/cardActions/explainAction';
import { handlerContext } from '../../src/bot/reply';
import { silentLogger } from '../../src/logger';
import { triage } from '../../src/triage';
import { fakeExplainer } from './fakes';
import { churn, render } from '../triage/synth';

test('a tampered verdict in the action data is recomputed before explaining', async () => {
  const t = triage(render.jsonLines(churn('pump-0042', new Date('2026-11-29T08:00:00Z'), 3)), { now: new Date('2026-11-29T18:00:00Z') });
  expect(t.verdict).toBe('token-expiry-churn');
  const explainer = fakeExplainer();
  const ctx = handlerContext('en', { explainer, clock: () => new Date(), logger: silentLogger() }, { allowedTenantIds: [] });
  const tampered = { ...compactTriage(t), verdict: 'credential-problem' };
  const result = await explainAction({ triage: tampered }, ctx);
  expect(explainer.calls).toEqual(['explain:token-expiry-churn']);
  expect(result.type).toBe('card');
});
