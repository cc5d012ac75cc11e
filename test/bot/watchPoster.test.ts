// The watch poster through a real CloudAdapter (anonymous, as in the local e2e tests) wrapped by the
// outbound throttle, posting to a capture connector, with the shared dedupe on a real Azurite: one
// message per idempotency key, a new thread (no replyToId) in a channel, the connector's status passed on
// when a send fails, and a failed send's key given back so the resend goes out.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import nock from 'nock';
import type { AdaptiveCard } from '../../src/cards/types';
import { createWatchPoster } from '../../src/bot/watchPoster';
import { watchConversationOf } from '../../src/bot/watchConversation';
import { OutboundThrottle, StrictAuthentication } from '../../src/hosting';
import type { WatchPoster } from '../../src/watch/scheduler';
import { startConnector, type LocalConnector } from '../e2e/connector';
import { useAzurite } from '../watch/azurite';
import { captureLogs, teamsMessage } from './fakes';

const CARD: AdaptiveCard = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Watch on hub contoso-iot-prod' }] } as AdaptiveCard;

describe('watch poster (CloudAdapter, outbound throttle, Azurite dedupe)', () => {
  const azurite = useAzurite();
  let connector: LocalConnector;
  let poster: WatchPoster;
  let throttle: OutboundThrottle;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    connector = await startConnector();
    throttle = new OutboundThrottle({ maxRetries: 0 });
    const auth = new StrictAuthentication(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }), (f) => throttle.wrapFactory(f));
    const storage = await azurite.storage();
    poster = createWatchPoster({ adapter: new CloudAdapter(auth), appId: '', dedupe: storage.dedupe, logger: captureLogs().logger });
  });
  afterAll(async () => {
    await connector?.close();
    nock.enableNetConnect();
  });
  beforeEach(() => connector.captured.splice(0));

  const channelReference = () => {
    const c = watchConversationOf(teamsMessage('watch contoso-iot-prod', { kind: 'channel', serviceUrl: connector.serviceUrl }));
    if (!c) throw new Error('no conversation');
    return c;
  };

  it('posts the card as a new thread in the channel, once per key, through the throttle', async () => {
    const c = channelReference();
    expect(c.conversationId).toBe('19:incident-channel@thread.tacv2');
    const sentBefore = throttle.stats.sent;
    const meta = { idempotencyKey: `k-${Date.now()}`, conversationId: c.conversationId, hub: 'contoso-iot-prod' };
    await poster(c.reference, CARD, meta);
    await poster(c.reference, CARD, meta);
    expect(connector.captured).toHaveLength(1);
    const [sent] = connector.captured;
    expect(sent.conversationId).toBe('19:incident-channel@thread.tacv2');
    expect(sent.replyToId).toBeUndefined();
    expect(sent.body.replyToId).toBeUndefined();
    expect((sent.body.attachments as Array<{ content: unknown }>)[0].content).toEqual(CARD);
    expect(throttle.stats.sent).toBe(sentBefore + 1);
    await poster(c.reference, CARD, { ...meta, idempotencyKey: `${meta.idempotencyKey}-next` });
    expect(connector.captured).toHaveLength(2);
  });

  it.each([403, 404])('a %i from the connector rejects with that status', async (status) => {
    const c = channelReference();
    connector.failWith = status;
    try {
      await expect(poster(c.reference, CARD, { idempotencyKey: `gone-${status}-${Date.now()}`, conversationId: c.conversationId, hub: 'contoso-iot-prod' })).rejects.toMatchObject({ statusCode: status });
    } finally {
      connector.failWith = undefined;
    }
    expect(connector.captured).toEqual([]);
  });

  it('a failed send gives its key back: the resend with the same key goes out', async () => {
    const c = channelReference();
    const meta = { idempotencyKey: `retry-${Date.now()}`, conversationId: c.conversationId, hub: 'contoso-iot-prod' };
    connector.failWith = 400;
    try {
      await expect(poster(c.reference, CARD, meta)).rejects.toMatchObject({ statusCode: 400 });
    } finally {
      connector.failWith = undefined;
    }
    await poster(c.reference, CARD, meta);
    expect(connector.captured).toHaveLength(1);
  });
});
