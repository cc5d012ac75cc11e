// The checks the hostile-input tests rely on must themselves catch what they claim to.
import { markdownExposure, replyProblems } from './cardRules';
import { activityShapeProblem } from '../../src/hosting';

const card = (body: unknown[]) => ({ type: 'AdaptiveCard', version: '1.5', body });

describe('reply rules', () => {
  it('user text in a TextBlock, a fact or a title is exposure; in a TextRun or action data it is not', () => {
    expect(markdownExposure(card([{ type: 'TextBlock', text: 'hi MARK', wrap: true }]), 'MARK')).toHaveLength(1);
    expect(markdownExposure(card([{ type: 'FactSet', facts: [{ title: 'x', value: 'MARK' }] }]), 'MARK')).toHaveLength(1);
    expect(markdownExposure(card([{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'MARK' }] }]), 'MARK')).toEqual([]);
    expect(markdownExposure({ ...card([]), actions: [{ type: 'Action.Execute', title: 'Go', verb: 'v', data: { id: 'MARK' } }] }, 'MARK')).toEqual([]);
    expect(markdownExposure({ ...card([]), actions: [{ type: 'Action.Execute', title: 'MARK', verb: 'v' }] }, 'MARK')).toHaveLength(1);
  });

  it('an oversized card, a non-card attachment, an empty reply and user text in a text reply are problems', () => {
    const big = { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card([{ type: 'TextBlock', text: 'x'.repeat(90_000) }]) }] };
    expect(replyProblems(big).some((p) => p.startsWith('card of'))).toBe(true);
    expect(replyProblems({ attachments: [{ contentType: 'text/html', content: '<b>x</b>' }] })).toEqual(['attachment text/html']);
    expect(replyProblems({ type: 'message' })).toEqual(['neither a card nor text']);
    expect(replyProblems({ text: 'you said MARK' }, ['MARK'])).toHaveLength(1);
    expect(replyProblems({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card([{ type: 'TextBlock', text: 'ok', wrap: true }]) }] })).toEqual([]);
  });
});

describe('activityShapeProblem', () => {
  it('accepts a Teams message and refuses wrong shapes without quoting them', () => {
    expect(activityShapeProblem({ type: 'message', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'a:1' }, text: 'hi' })).toBeUndefined();
    expect(activityShapeProblem([])).toBe('the body is not a JSON object');
    expect(activityShapeProblem({ text: 'x' })).toBe('type is missing');
    expect(activityShapeProblem({ type: 'message', serviceUrl: { a: 1 } })).toBe('serviceUrl is not a string');
    expect(activityShapeProblem({ type: 'message', serviceUrl: 'file:///etc/passwd' })).toBe('serviceUrl is not an http(s) URL');
    expect(activityShapeProblem({ type: 'message', conversation: { id: 1 } })).toBe('conversation.id is not a string');
    expect(activityShapeProblem({ type: 'message', text: { $gt: 1 } })).toBe('text is not a string');
    expect(activityShapeProblem({ type: 'message', attachments: 'SharedAccessKey=abc' })).toBe('attachments is not a list');
  });
});
