/**
 * Nulls where the MIM CM pages promise no value must not stop a flow: every documented response
 * example, with each field the schema does not require set to `null` (and, separately, left out),
 * still parses — the client reads it as the empty value of its type — while a `null` in a required
 * field is `cm/bad-response` naming that field. Also through the client, over a fake fetch.
 */
import { describe, expect, it } from 'vitest';
import { CmClient, requiredFields, SCHEMAS, shapeMismatch, type SchemaName } from '../../../src/cm';
import { expectShape } from '../../../src/cm/shapes';
import { docExample } from './doc-examples';
import { BASE, json, recordingFetch } from './fake-fetch';

const first = (r: unknown) => (Array.isArray(r) ? r[0] : r) as Record<string, unknown>;
const EXAMPLES: [SchemaName, Record<string, unknown>][] = [
  ['ProfileTemplateLimitedView', first(docExample('(1) get profile templates').response)],
  ['SmartcardConfig', first(docExample('(3) smart card configuration').response)],
  ['Request', first(docExample('(5) get request').response)],
  ['Request', first(docExample('(5) get Unblock request').response)],
  [
    'CertificateRequestGenerationOptions',
    first(docExample('(8) certificate request generation options').response),
  ],
  ['Smartcard', first(docExample('(12) get smart card').response)],
  ['Profile', first(docExample('(19) profiles by status').response)],
  ['X509ClmCertificate', first(docExample('(22) smart card certificates').response)],
  ['X509ClmCertificate', first(docExample('(24) user certificates').response)],
  ['CertificateResult', first(docExample('(9) certificate data').response)],
];
const WHERE = { method: 'GET', path: '/x' };

function optionalNulled(
  name: SchemaName,
  ex: Record<string, unknown>,
  mode: 'null' | 'absent',
): Record<string, unknown> {
  const req = new Set(requiredFields(name));
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(ex)) {
    if (req.has(k)) out[k] = val;
    else if (mode === 'null') out[k] = null;
  }
  return out;
}

describe('nulls in fields the docs do not promise', () => {
  it('every schema has required fields and every example has all of them', () => {
    for (const [name, ex] of EXAMPLES) {
      expect(requiredFields(name).length, name).toBeGreaterThan(0);
      expect(shapeMismatch(name, ex), name).toBeNull();
    }
  });

  it.each(EXAMPLES.map(([n, e], i) => [`${i} ${n}`, n, e] as const))(
    '%s: null or absent optional fields parse as empty values',
    (_, name, ex) => {
      for (const mode of ['null', 'absent'] as const) {
        const out = expectShape(name, optionalNulled(name, ex, mode), WHERE) as Record<string, unknown>;
        for (const k of Object.keys(SCHEMAS[name].entries)) {
          if (requiredFields(name).includes(k)) continue;
          expect(
            ['', 0, false, null, undefined].includes(out[k] as never) ||
              (Array.isArray(out[k]) && (out[k] as []).length === 0) ||
              typeof out[k] === 'object',
            `${name}.${k} = ${JSON.stringify(out[k])}`,
          ).toBe(true);
        }
      }
    },
  );

  it.each(EXAMPLES.map(([n, e], i) => [`${i} ${n}`, n, e] as const))(
    '%s: a null required field is cm/bad-response naming it',
    (_, name, ex) => {
      for (const k of requiredFields(name)) {
        if (!(k in ex)) continue;
        expect(() => expectShape(name, { ...ex, [k]: null }, WHERE), `${name}.${k}`).toThrow(
          expect.objectContaining({
            code: 'cm/bad-response',
            data: expect.objectContaining({ field: expect.stringMatching(new RegExp(`^${k}\\b`)) }),
          }),
        );
      }
    },
  );

  it('the client reads a request, a card and the generation options with every optional field null', async () => {
    const by: Record<string, [SchemaName, Record<string, unknown>]> = {
      '/requests/a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099': EXAMPLES[2]!,
      '/smartcards/17cf063d-e337-4aa9-a822-346554ddd3c9': EXAMPLES[5]!,
      '/requests/a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099/certificaterequestgenerationoptions': EXAMPLES[4]!,
    };
    const { fetch } = recordingFetch((call) => {
      const path = new URL(call.url).pathname.replace(/^.*\/api\/v1\.0/i, '');
      const [name, ex] = by[path]!;
      const body = optionalNulled(name, ex, 'null');
      return json(200, name === 'CertificateRequestGenerationOptions' ? [body] : body);
    });
    const cm = new CmClient({ baseUrl: BASE, fetch });
    const r = await cm.getRequest('a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099');
    expect(r).toMatchObject({ Status: 3, Comment: '', DataCollection: [], NewSmartcardUuid: '' });
    expect(await cm.getSmartcard('17cf063d-e337-4aa9-a822-346554ddd3c9')).toMatchObject({
      SerialNumber: '{bc88f13f-83ba-4037-8262-46eba1291c6e}',
      Atr: '',
    });
    const [o] = await cm.getCertificateRequestGenerationOptions('a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099');
    expect(o).toMatchObject({ KeyStorageProviderNames: [], FriendlyName: '' });
  });
});
