import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PIN_CHARACTER_SETS, USER_PIN_OPTIONS } from '../../../src/cm';
import {
  CARD_PIN_MAX,
  CARD_PIN_MIN,
  FlowError,
  pinPolicyFromConfig,
  toFlowError,
  validatePin,
  type PinPolicy,
} from '../../../src/flows';
import { CmApiError } from '../../../src/cm';
import { CardError } from '../../../src/card';
import { AbortedError } from '../../../src/errors';

const policyArb: fc.Arbitrary<PinPolicy> = fc
  .record({
    min: fc.integer({ min: CARD_PIN_MIN, max: CARD_PIN_MAX }),
    extra: fc.integer({ min: 0, max: 12 }),
    charset: fc.constantFrom('numeric', 'alphanumeric', 'any') as fc.Arbitrary<PinPolicy['charset']>,
  })
  .map(({ min, extra, charset }) => ({
    minLength: min,
    maxLength: Math.min(CARD_PIN_MAX, min + extra),
    charset,
    source: 'user',
    userPinOption: 1,
  }));

describe('pinPolicyFromConfig', () => {
  it('maps the documented example (10..10, CharacterSet 1, UserPinOption 3) to a numeric server policy', () => {
    const p = pinPolicyFromConfig({
      UserPinOption: 3,
      UserPinPolicy: {
        MinLength: 10,
        MaxLength: 10,
        CharacterSet: 1,
        Rollover: false,
        DefaultValue: '11111111',
      },
    });
    expect(p).toEqual({
      minLength: 10,
      maxLength: 10,
      charset: 'numeric',
      source: 'server',
      userPinOption: 3,
    });
  });

  it('always yields card-settable bounds (4 ≤ min ≤ max ≤ 16), whatever the server sends', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 40 }),
        fc.integer({ min: -5, max: 40 }),
        fc.integer({ min: -1, max: 5 }),
        fc.constantFrom(...Object.values(USER_PIN_OPTIONS)),
        (min, max, set, opt) => {
          const p = pinPolicyFromConfig({
            UserPinOption: opt,
            UserPinPolicy: {
              MinLength: min,
              MaxLength: max,
              CharacterSet: set,
              Rollover: false,
              DefaultValue: '',
            },
          });
          expect(
            CARD_PIN_MIN <= p.minLength && p.minLength <= p.maxLength && p.maxLength <= CARD_PIN_MAX,
          ).toBe(true);
          expect(p.charset).toBe(
            set === PIN_CHARACTER_SETS.Numeric
              ? 'numeric'
              : set === PIN_CHARACTER_SETS.Alphanumeric
                ? 'alphanumeric'
                : 'any',
          );
          expect(p.source).toBe(opt === 0 || opt === 1 ? 'user' : 'server');
        },
      ),
    );
  });
});

describe('validatePin', () => {
  it('accepts exactly the PINs within length and charset (property)', () => {
    fc.assert(
      fc.property(policyArb, fc.string({ unit: 'binary-ascii', maxLength: 24 }), (policy, pin) => {
        const r = validatePin(pin, policy);
        const charsOk =
          /^[\x20-\x7e]+$/.test(pin) &&
          (policy.charset !== 'numeric' || /^[0-9]+$/.test(pin)) &&
          (policy.charset !== 'alphanumeric' || /^[A-Za-z0-9]+$/.test(pin));
        const expected =
          pin.length > 0 && charsOk && pin.length >= policy.minLength && pin.length <= policy.maxLength;
        expect(r.ok).toBe(expected);
        if (!r.ok)
          expect([r.minLength, r.maxLength, r.charset]).toEqual([
            policy.minLength,
            policy.maxLength,
            policy.charset,
          ]);
      }),
    );
  });

  it('generated valid PINs pass, and pass with a matching confirmation only', () => {
    fc.assert(
      fc.property(policyArb, fc.nat(), (policy, seed) => {
        const chars =
          policy.charset === 'numeric'
            ? '0123456789'
            : policy.charset === 'alphanumeric'
              ? 'aZ09xY'
              : 'a#9 ~';
        const pin = Array.from({ length: policy.minLength }, (_, i) => chars[(seed + i) % chars.length]).join(
          '',
        );
        expect(validatePin(pin, policy)).toEqual({ ok: true });
        expect(validatePin(pin, policy, pin)).toEqual({ ok: true });
        expect(validatePin(pin, policy, `${pin}x`)).toMatchObject({ ok: false, reason: 'mismatch' });
      }),
    );
  });

  it('names the first problem: empty, characters, then length', () => {
    const p: PinPolicy = { minLength: 6, maxLength: 8, charset: 'numeric', source: 'user', userPinOption: 1 };
    expect(validatePin('', p)).toMatchObject({ reason: 'empty' });
    expect(validatePin('12ä', p)).toMatchObject({ reason: 'not-printable-ascii' });
    expect(validatePin('12a', p)).toMatchObject({ reason: 'not-numeric' });
    expect(validatePin('123', p)).toMatchObject({ reason: 'too-short' });
    expect(validatePin('123456789', p)).toMatchObject({ reason: 'too-long' });
    expect(validatePin('ab-cd', { ...p, charset: 'alphanumeric', minLength: 4 })).toMatchObject({
      reason: 'not-alphanumeric',
    });
  });
});

describe('toFlowError', () => {
  const where = { flow: 'unblock', step: 'apply-pin' } as const;
  it('maps CM and card codes to flow codes with next steps, keeping cause and correlation id', () => {
    const cm500 = new CmApiError('cm/http-500', 'boom', {
      status: 500,
      method: 'GET',
      path: '/x',
      correlationId: 'c0ffee00-0000-4000-8000-000000000001',
    });
    const e = toFlowError(cm500, where) as FlowError;
    expect([e.code, e.data.nextStep, e.data.correlationId, e.data.causeCode, e.cause]).toEqual([
      'flow/server-error',
      'contact-admin-with-correlation-id',
      'c0ffee00-0000-4000-8000-000000000001',
      'cm/http-500',
      cm500,
    ]);
    expect((toFlowError(new CardError('card/removed', 'gone', {}), where) as FlowError).data.nextStep).toBe(
      'reinsert-card-and-resume',
    );
    expect(
      (
        toFlowError(
          new CmApiError('cm/cors', 'x', { status: 0, method: 'GET', path: '/' }),
          where,
        ) as FlowError
      ).code,
    ).toBe('flow/server-unreachable');
    expect((toFlowError(new CardError('card/bad-data', 'x', {}), where) as FlowError).code).toBe(
      'flow/card-error',
    );
    expect((toFlowError(new TypeError('x'), where) as FlowError).code).toBe('flow/card-error');
  });

  it('lets AbortedError and FlowError through unchanged', () => {
    const a = new AbortedError();
    expect(toFlowError(a, where)).toBe(a);
    const f = new FlowError('flow/pin-policy', 'x', where);
    expect(toFlowError(f, where)).toBe(f);
  });
});
