/**
 * Deterministic randomness for seeded data (the demo company, the benchmark generators): the
 * same seed builds the same data set on every run.
 */

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  int(maxExclusive: number): number;
  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One of `items` with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
};

/** mulberry32: tiny, fast, good enough for test data. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    pick: (items) => items[int(items.length)],
    chance: (p) => next() < p,
    weighted: (items) => {
      let total = 0;
      for (const [, w] of items) total += w;
      let x = next() * total;
      for (const [item, w] of items) {
        x -= w;
        if (x < 0) return item;
      }
      return items[items.length - 1][0];
    },
  };
}

const surnames = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const maleChars = [...'伟强磊军洋勇杰涛明超刚建文辉力宇鹏飞宁浩凯俊博志斌鑫波峰鸿亮国栋海东晓'];
const femaleChars = [...'芳娜敏静丽艳娟秀霞桂英玉萍红燕欣晨雪婷琳颖佳瑶倩慧洁莉蓉'];
const anyChars = [...'华平阳林春明新子一天佳文晓'];

export type Person = { name: string; gender: 'male' | 'female' };

/** A plausible Chinese personal name with its gender: surname + one or two given-name characters. */
export function person(r: Rng): Person {
  const gender = r.chance(0.55) ? 'male' : 'female';
  const own = gender === 'male' ? maleChars : femaleChars;
  const first = r.chance(0.2) ? r.pick(anyChars) : r.pick(own);
  const given = r.chance(0.7) ? first + r.pick(own) : r.pick(own);
  return { name: r.pick(surnames) + given, gender };
}

/** A plausible Chinese personal name. */
export const personName = (r: Rng): string => person(r).name;

export const pad = (n: number, width: number) => String(n).padStart(width, '0');
