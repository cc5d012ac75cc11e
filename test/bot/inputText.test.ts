import { htmlToText, decodeEntities } from '../../src/bot/html';
import { readMessageText } from '../../src/bot/inputText';
import { BOT, teamsMessage } from './fakes';

describe('decodeEntities', () => {
  it('decodes named, decimal and hex references and leaves unknown names alone', () => {
    expect(decodeEntities('a &amp; b &lt;x&gt; &quot;q&quot; &#39;s&#39; &#x41;&#66; &nbsp;end &bogus;')).toBe(`a & b <x> "q" 's' AB  end &bogus;`);
  });
  it('does not decode twice (&amp;lt; stays &lt;)', () => {
    expect(decodeEntities('&amp;lt;')).toBe('&lt;');
  });
});

describe('htmlToText', () => {
  it('makes one line per paragraph, <br> and <div>, without blank lines between blocks', () => {
    expect(htmlToText('<p>line one</p><p>line two<br>line three</p><div>line four</div>')).toBe('line one\nline two\nline three\nline four');
  });
  it('keeps the lines and indentation of a code block and collapses HTML whitespace elsewhere', () => {
    const html = '<p>see:</p>\n<pre><code>first\n  second\nthird</code></pre><p>after   the\nblock</p>';
    expect(htmlToText(html)).toBe('see:\nfirst\n  second\nthird\nafter the block');
  });
  it('drops the elements the caller asks to drop', () => {
    expect(htmlToText('<p><at id="0">Bot</at> hello <at id="1">Ann</at></p>', (tag, _a, inner) => tag === 'at' && inner === 'Bot')).toBe('hello Ann');
  });
  it('keeps a lone "<" that is not a tag', () => {
    expect(htmlToText('a < b and c')).toBe('a < b and c');
  });
});

describe('readMessageText', () => {
  it('uses text as it comes when there is no HTML attachment', () => {
    expect(readMessageText(teamsMessage('lookup thermostat-042'))).toBe('lookup thermostat-042');
  });

  it("strips the bot's own mention by entity id, every occurrence, and keeps other people's mentions as names", () => {
    const a = teamsMessage('x', { kind: 'channel' });
    a.text = `<at>${BOT.name}</at> please ask <at>Ann Smith</at> about it <at>${BOT.name}</at>`;
    a.entities = [
      { type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: { id: BOT.id, name: BOT.name } },
      { type: 'mention', text: '<at>Ann Smith</at>', mentioned: { id: '29:ann', name: 'Ann Smith' } },
    ];
    expect(readMessageText(a)).toBe('please ask Ann Smith about it');
  });

  it('does not strip a mention of someone else that comes first', () => {
    const a = teamsMessage('x', { kind: 'groupChat' });
    a.text = `<at>Ann Smith</at> <at>${BOT.name}</at> help`;
    a.entities = [
      { type: 'mention', text: '<at>Ann Smith</at>', mentioned: { id: '29:ann', name: 'Ann Smith' } },
      { type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: { id: BOT.id, name: BOT.name } },
    ];
    expect(readMessageText(a)).toBe('Ann Smith help');
  });

  it('decodes entities and turns <br>/<p> in text into lines', () => {
    const a = teamsMessage('x');
    a.text = 'first&nbsp;line<br>second &amp; more<p>third</p>';
    expect(readMessageText(a)).toBe('first line\nsecond & more\nthird');
  });

  it('rebuilds a multi-line paste from the text/html attachment, dropping the bot mention there too', () => {
    const html =
      `<div><div><at id="0">${BOT.name}</at>&nbsp;</div>` +
      '<div>2026-03-02T07:00:03Z 401003 IoTHubUnauthorized</div>' +
      '<div>2026-03-02T07:00:03Z 404104 DeviceConnectionClosedRemotely</div></div>';
    const a = teamsMessage('2026-03-02T07:00:03Z 401003 IoTHubUnauthorized 2026-03-02T07:00:03Z 404104 DeviceConnectionClosedRemotely', {
      kind: 'channel',
      html,
    });
    expect(readMessageText(a)).toBe('2026-03-02T07:00:03Z 401003 IoTHubUnauthorized\n2026-03-02T07:00:03Z 404104 DeviceConnectionClosedRemotely');
  });

  it('recognises the schema.skype.com Mention span form in HTML', () => {
    const html = `<p><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">${BOT.name}</span> kql thermostat-042</p>`;
    expect(readMessageText(teamsMessage('kql thermostat-042', { kind: 'channel', html }))).toBe('kql thermostat-042');
  });

  it('falls back to text when the HTML attachment has no text in it', () => {
    expect(readMessageText(teamsMessage('help', { kind: 'channel', html: `<p><at id="0">${BOT.name}</at></p>` }))).toBe('help');
  });

  it('returns an empty string for a message that is only the mention', () => {
    expect(readMessageText(teamsMessage('', { kind: 'channel' }))).toBe('');
  });

  it('never throws on odd activities', () => {
    expect(readMessageText({})).toBe('');
    expect(readMessageText({ text: null, attachments: [{ contentType: 'text/html', content: 42 }], entities: [{ type: 'mention' }] })).toBe('');
  });
});
