import { fromCents } from '@guanxi/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountInCapitals } from './capitals.ts';

describe('amountInCapitals (人民币大写)', () => {
  it.each([
    ['0', '零元整'],
    ['0.00', '零元整'],
    ['1', '壹元整'],
    ['10', '壹拾元整'],
    ['15', '壹拾伍元整'],
    ['100', '壹佰元整'],
    ['1001', '壹仟零壹元整'],
    ['1010', '壹仟零壹拾元整'],
    ['1234.56', '壹仟贰佰叁拾肆元伍角陆分'],
    ['1234.5', '壹仟贰佰叁拾肆元伍角整'],
    ['1234.05', '壹仟贰佰叁拾肆元零伍分'],
    ['0.05', '伍分'],
    ['0.5', '伍角整'],
    ['0.56', '伍角陆分'],
    ['10000', '壹万元整'],
    ['100010', '壹拾万零壹拾元整'],
    ['101000', '壹拾万壹仟元整'],
    ['110000', '壹拾壹万元整'],
    ['20000100', '贰仟万零壹佰元整'],
    ['100000000', '壹亿元整'],
    ['100000001', '壹亿零壹元整'],
    ['110000000', '壹亿壹仟万元整'],
    ['100100000', '壹亿零壹拾万元整'],
    ['100001000', '壹亿零壹仟元整'],
    ['9999999999999999.99', '玖仟玖佰玖拾玖万亿玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
    ['-12.30', '负壹拾贰元叁角整'],
    ['1000000000000', '壹万亿元整'],
  ])('%s → %s', (amount, words) => {
    expect(amountInCapitals(amount)).toBe(words);
  });
});

const DIGIT: Record<string, bigint> = {
  零: 0n,
  壹: 1n,
  贰: 2n,
  叁: 3n,
  肆: 4n,
  伍: 5n,
  陆: 6n,
  柒: 7n,
  捌: 8n,
  玖: 9n,
};
const PLACE: Record<string, bigint> = { 拾: 10n, 佰: 100n, 仟: 1000n };

/** A group of up to four digits as written (`壹仟零壹拾`). */
function readGroup(text: string): bigint {
  let total = 0n;
  let digit = 0n;
  for (const ch of text) {
    if (ch in DIGIT) digit = DIGIT[ch];
    else if (ch in PLACE) {
      total += digit * PLACE[ch];
      digit = 0n;
    } else throw new Error(`unexpected ${ch} in ${text}`);
  }
  return total + digit;
}

/** Reads capitals back to cents: the plain model the property compares with. */
function readCapitals(words: string): bigint {
  const negative = words.startsWith('负');
  const text = negative ? words.slice(1) : words;
  const m = /^(?:(.*)元)?(.*)$/.exec(text)!;
  const whole = (m[1] ?? '').replace('万亿', 'Z');
  const groups = /^(?:(.*?)Z)?(?:(.*?)亿)?(?:(.*?)万)?(.*)$/.exec(whole)!;
  const yuan = [1_000_000_000_000n, 100_000_000n, 10_000n, 1n].reduce(
    (sum, unit, i) => sum + (groups[i + 1] ? readGroup(groups[i + 1]) : 0n) * unit,
    0n,
  );
  const jiao = /(.)角/.exec(m[2]);
  const fen = /(.)分/.exec(m[2]);
  const cents = yuan * 100n + (jiao ? DIGIT[jiao[1]] * 10n : 0n) + (fen ? DIGIT[fen[1]] : 0n);
  return negative ? -cents : cents;
}

describe('amountInCapitals, any amount', () => {
  it('reads back to the same cents, with 零 never doubled, leading or trailing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }),
          // sparse digits: the zeros are where the rules are
          fc
            .array(fc.constantFrom(0n, 0n, 0n, 1n, 5n, 9n), { minLength: 1, maxLength: 18 })
            .map((ds) => ds.reduce((n: bigint, d) => n * 10n + d, 0n)),
        ),
        (cents) => {
          const words = amountInCapitals(fromCents(cents));
          expect(readCapitals(words)).toBe(cents);
          if (words !== '零元整') expect(words).not.toMatch(/零零|^零|零[元角分整万亿]/);
          expect(words).toMatch(/[整分]$/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
