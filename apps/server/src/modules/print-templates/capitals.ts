import { toCents } from '@guanxi/contract';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

/**
 * An amount in Chinese capitals (人民币大写) as written on invoices and contracts:
 * `"1234.56"` → `壹仟贰佰叁拾肆元伍角陆分`, `"1001"` → `壹仟零壹元整`, `"100000.05"` → `壹拾万元零伍分`.
 * Exact (from the decimal string, never a float); at most 16 integer digits; negative → `负…`.
 */
export function amountInCapitals(amount: string): string {
  let cents = toCents(amount);
  const negative = cents < 0n;
  if (negative) cents = -cents;
  const yuan = cents / 100n;
  const jiao = Number((cents / 10n) % 10n);
  const fen = Number(cents % 10n);
  const whole = integerCapitals(yuan.toString());
  let text = whole ? `${whole}元` : '';
  if (jiao === 0 && fen === 0) text = `${text || '零元'}整`;
  else {
    if (jiao > 0) text += `${DIGITS[jiao]}角`;
    // a zero 角 between 元 and 分 is read (壹元零伍分); with no 元 it is not (伍分)
    if (fen > 0) text += `${jiao === 0 && whole ? '零' : ''}${DIGITS[fen]}分`;
    else text += '整';
  }
  return negative ? `负${text}` : text;
}

/** `"100010"` → `壹拾万零壹拾`; `"0"` → ``. */
function integerCapitals(digits: string): string {
  if (/^0*$/.test(digits)) return '';
  if (digits.length > 16) throw new RangeError('at most 16 integer digits');
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 4) groups.unshift(digits.slice(Math.max(0, end - 4), end));
  let out = '';
  let zeroPending = false;
  groups.forEach((group, i) => {
    const unit = GROUPS[groups.length - 1 - i];
    const padded = group.padStart(4, '0');
    if (/^0+$/.test(padded)) {
      if (out) zeroPending = true;
      return;
    }
    // 零 for zeros opening a group, or whole zero groups, between written digits
    if (out && (zeroPending || padded[0] === '0')) out += '零';
    zeroPending = false;
    let inner = '';
    let innerZero = false;
    for (let k = 0; k < 4; k++) {
      const d = Number(padded[k]);
      if (d === 0) {
        if (inner) innerZero = true;
        continue;
      }
      if (innerZero) inner += '零';
      innerZero = false;
      inner += DIGITS[d] + PLACES[3 - k];
    }
    // zeros closing a group are not read (101000: 壹拾万壹仟)
    out += inner + unit;
  });
  return out;
}
