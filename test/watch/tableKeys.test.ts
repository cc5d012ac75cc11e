// Table keys: any conversation id (Teams ids hold ':', ';', '@', and may hold / \ # ? or control
// characters, which Table Storage refuses in keys) encodes to key-safe characters and decodes back.
import { fc, test as prop } from '@fast-check/jest';
import { decodeKey, encodeKey, hashKey } from '../../src/watch/tableKeys';

const KEY_SAFE = /^[A-Za-z0-9_-]+$/;

prop.prop([fc.string({ minLength: 1, maxLength: 300, unit: 'binary' })], { seed: 15 })('encodes reversibly into key-safe characters', (id) => {
  const encoded = encodeKey(id, 'conversationId');
  expect(encoded).toMatch(KEY_SAFE);
  expect(decodeKey(encoded)).toBe(id);
});

test('the characters Table Storage forbids never reach a key, and case is kept', () => {
  const id = '19:a/b\\c#d?e\u0000\u001f\u007f\u009f@thread.tacv2;messageid=1';
  expect(encodeKey(id, 'conversationId')).toMatch(KEY_SAFE);
  expect(encodeKey('Hub', 'hub')).not.toBe(encodeKey('hub', 'hub'));
});

test('refuses an empty or over-long value with a message naming it', () => {
  expect(() => encodeKey('', 'conversationId')).toThrow('conversationId is empty.');
  expect(() => encodeKey('x'.repeat(800), 'conversationId')).toThrow(/conversationId is too long for a table key/);
});

test('hashed keys are fixed-length and key-safe', () => {
  for (const v of ['a', 'x'.repeat(5000), '19:x@thread.v2|/#?']) {
    expect(hashKey(v)).toMatch(KEY_SAFE);
    expect(hashKey(v)).toHaveLength(43);
  }
  expect(hashKey('a/b')).not.toBe(hashKey('a#b'));
});
