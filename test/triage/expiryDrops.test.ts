// edgeHub drops a client whose token expired and lets it reconnect with a new one (by design, iotedge#676).
// A paste that ends at the drop is no verdict either way, but the card says what happened and what to paste
// next. The first line is iotedge#676's own; the others are edgeHub's wording (ConnectionReauthenticator.cs).
import { noteText } from '../../src/triage/knowledge';
import { triage } from '../../src/triage';

const now = new Date('2019-01-03T12:00:00Z');
const DROP = '2019-01-03 06:28:20.834 +00:00 [WRN] - Error authenticating token for minimalUbuntu/tempgenerator because the token could not be parsed';
const BACK = '2019-01-03 06:28:21.120 +00:00 [DBG] - Reauthenticated client minimalUbuntu/tempgenerator successfully';

const notes = (text: string) => triage(text, { now }).notes.filter((n) => n.code === 'expiry-drop-unconfirmed');

test('a drop at expiry with nothing after it says so, for that client, and stays inconclusive', () => {
  const t = triage(DROP, { now });
  expect(t.verdict).toBe('inconclusive');
  const [note] = notes(DROP);
  expect(note.params).toEqual({ deviceIds: 'minimalUbuntu/tempgenerator', count: 1 });
  expect(noteText(note, 'en')).toMatch(/^IoT Edge's hub dropped minimalUbuntu\/tempgenerator because its token had expired/);
  expect(noteText(note, 'nl')).toMatch(/^De hub van IoT Edge verbrak minimalUbuntu\/tempgenerator omdat het token verlopen was/);
});

test('the same drop followed by the client back is churn, and needs no such note', () => {
  const t = triage([DROP, BACK].join('\n'), { now });
  expect(t.verdict).toBe('token-expiry-churn');
  expect(notes([DROP, BACK].join('\n'))).toEqual([]);
});

test('a client judged otherwise (refused again) gets its finding, not the note', () => {
  const refused = '2019-01-03 06:29:20.100 +00:00 [WRN] - Error authenticating token for minimalUbuntu/tempgenerator because the SAS token has an invalid signature';
  const text = [DROP, refused].join('\n');
  expect(triage(text, { now }).verdict).toBe('credential-problem');
  expect(notes(text)).toEqual([]);
});
