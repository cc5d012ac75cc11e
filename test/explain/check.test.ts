// checkExplanation against a small fixed knowledge base (mocked), so these tests do not move when the
// real knowledge-base wording changes.
jest.mock('../../src/triage/knowledge', () => ({
  knowledge: (kind: string, lang: string) => ({
    title: `${kind} title`,
    explanation: `${kind} explained (${lang})`,
    fix: kind === 'sas-token-expired' ? ['Generate a new SAS token with a later expiry.', 'Check the device clock and NTP time sync.'] : [],
    action: kind === 'token-expiry-churn' ? 'none' : 'fix',
    docUrl: `https://learn.example/${kind}`,
  }),
  verdictText: (verdict: string) => ({ headline: `${verdict} headline`, summary: `${verdict} summary` }),
  noteText: (note: { code: string }) => `note ${note.code}`,
}));

import { checkExplanation, isRejection } from '../../src/explain';
import { MAX_EXPLANATION_CHARS, MAX_FOLLOW_UP_CHARS, MAX_FOLLOW_UPS } from '../../src/explain/limits';
import { goodAnswer } from './answers';
import { finding, fixtures, makeTriage, PLANTED_KEY } from './triages';

const expired = makeTriage([finding('sas-token-expired', 'dev-9', ['401003 IoTHubUnauthorized sr=contoso-hub.azure-devices.net/devices/dev-9'])]);
const churn = fixtures().churn;

function rejectedReason(r: ReturnType<typeof checkExplanation>): string {
  return isRejection(r) ? r.rejected : 'accepted';
}

describe('checkExplanation', () => {
  it('accepts a grounded answer and returns it trimmed, in the requested language', () => {
    const r = checkExplanation({ ...goodAnswer(expired, 'en'), explanation: '  The token had expired.  ', fixStepIds: ['sas-token-expired#1'] }, expired, 'en');
    expect(r).toEqual({ verdict: 'credential-problem', text: 'The token had expired.', followUpQuestions: goodAnswer(expired, 'en').followUpQuestions, lang: 'en' });
  });

  it('rejects a different verdict', () => {
    expect(rejectedReason(checkExplanation(goodAnswer(churn, 'en', { verdict: 'credential-problem' }), churn, 'en'))).toMatch(/^verdict-mismatch/);
  });

  it('expects inconclusive when there is no triage', () => {
    expect(isRejection(checkExplanation(goodAnswer(undefined, 'en'), undefined, 'en'))).toBe(false);
    expect(rejectedReason(checkExplanation(goodAnswer(undefined, 'en', { verdict: 'token-expiry-churn' }), undefined, 'en'))).toMatch(/^verdict-mismatch/);
  });

  it('rejects another language', () => {
    expect(rejectedReason(checkExplanation(goodAnswer(churn, 'en'), churn, 'nl'))).toMatch(/^wrong-language/);
  });

  it.each([
    ['explanation', { explanation: 'a'.repeat(MAX_EXPLANATION_CHARS + 1) }],
    ['too many questions', { followUpQuestions: Array.from({ length: MAX_FOLLOW_UPS + 1 }, (_, i) => `Question ${i}?`) }],
    ['a long question', { followUpQuestions: [`${'q'.repeat(MAX_FOLLOW_UP_CHARS)}?`] }],
  ])('rejects too long: %s', (_name, over) => {
    expect(rejectedReason(checkExplanation(goodAnswer(churn, 'en', over), churn, 'en'))).toMatch(/^too-long/);
  });

  it('accepts exactly the limits', () => {
    const atLimit = goodAnswer(churn, 'en', {
      explanation: 'a'.repeat(MAX_EXPLANATION_CHARS),
      followUpQuestions: Array.from({ length: MAX_FOLLOW_UPS }, () => `${'q'.repeat(MAX_FOLLOW_UP_CHARS - 1)}?`),
    });
    expect(isRejection(checkExplanation(atLimit, churn, 'en'))).toBe(false);
  });

  it('rejects an empty explanation', () => {
    expect(rejectedReason(checkExplanation(goodAnswer(churn, 'en', { explanation: '   ' }), churn, 'en'))).toBe('empty');
  });

  it('rejects a fix step id the knowledge base does not offer for these findings', () => {
    expect(rejectedReason(checkExplanation(goodAnswer(expired, 'en', { fixStepIds: ['sas-token-expired#3'] }), expired, 'en'))).toMatch(/^invented-fix/);
    // a real step, but of a kind this triage does not have
    expect(rejectedReason(checkExplanation(goodAnswer(churn, 'en', { fixStepIds: ['sas-token-expired#1'] }), churn, 'en'))).toMatch(/^invented-fix/);
  });

  it('allows an action its knowledge base recommends, and rejects the same action for a kind that does not', () => {
    const text = 'Check NTP so the clock is in sync, then generate a fresh token.';
    expect(isRejection(checkExplanation(goodAnswer(expired, 'en', { explanation: text }), expired, 'en'))).toBe(false);
    expect(rejectedReason(checkExplanation(goodAnswer(churn, 'en', { explanation: 'Synchronise the device clock with NTP.' }), churn, 'en'))).toMatch(/^invented-fix: action:synchronise/);
  });

  it('allows the documentation URL of a finding kind, and no other', () => {
    expect(isRejection(checkExplanation(goodAnswer(expired, 'en', { explanation: 'See https://learn.example/sas-token-expired.' }), expired, 'en'))).toBe(false);
    expect(rejectedReason(checkExplanation(goodAnswer(expired, 'en', { explanation: 'See https://learn.example/thumbprint-mismatch.' }), expired, 'en'))).toMatch(/url/);
  });

  it('rejects an answer that holds a secret', () => {
    expect(rejectedReason(checkExplanation(goodAnswer(churn, 'en', { explanation: `The key is ${PLANTED_KEY}` }), churn, 'en'))).toBe('secret-in-output');
  });

  it.each([
    ['not an object', 'just text'],
    ['missing field', { verdict: 'token-expiry-churn', language: 'en', explanation: 'x', followUpQuestions: [] }],
    ['extra field', { ...goodAnswer(churn, 'en'), fix: 'restart' }],
    ['unknown verdict', { ...goodAnswer(churn, 'en'), verdict: 'benign' }],
    ['wrong types', { ...goodAnswer(churn, 'en'), followUpQuestions: 'why?' }],
  ])('rejects malformed output: %s', (_name, raw) => {
    expect(rejectedReason(checkExplanation(raw, churn, 'en'))).toBe('malformed');
  });
});
