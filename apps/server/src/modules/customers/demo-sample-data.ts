/**
 * Realistic Chinese customers and contacts for the demo company and the benchmarks: company names
 * built from place + brand + trade + company form (深圳市华南精密机械有限公司), some individuals
 * and English names, with phones, unified social credit codes, capital and turnover that fit.
 * Pure functions of a seeded {@link Rng}: the same seed gives the same data.
 */
import { pinyin } from 'pinyin-pro';
import { type Person, pad, person, type Rng } from '../../platform/random.ts';

// ---------------------------------------------------------------- regions

/** A region dictionary item (type `region`): province → city → district, GB/T 2260 codes. */
export type RegionItem = { id: string; parentId: string | null; name: string; code: string | null };

export type Place = {
  province: string;
  city: string;
  district: string | null;
  /** The most specific region item (district, else city). */
  regionId: string;
  /** 6-digit administrative code of that item (for credit codes). */
  code: string;
};

/** Where the customers of a sales organisation based in East and South China are. */
const provinceWeights: Record<string, number> = {
  广东省: 24,
  浙江省: 15,
  上海市: 12,
  江苏省: 12,
  北京市: 6,
  福建省: 5,
  四川省: 4,
  山东省: 4,
  湖北省: 3,
  湖南省: 3,
  重庆市: 2,
  安徽省: 2,
  河南省: 2,
  陕西省: 1,
  天津市: 1,
};
const majorCities = new Set([
  '深圳市',
  '广州市',
  '东莞市',
  '佛山市',
  '杭州市',
  '宁波市',
  '温州市',
  '苏州市',
  '南京市',
  '无锡市',
  '成都市',
  '武汉市',
  '长沙市',
  '厦门市',
  '福州市',
  '青岛市',
  '济南市',
  '郑州市',
  '西安市',
  '合肥市',
]);

/** Picks places from the region dictionary: big provinces and cities more often. */
export function regionPicker(items: readonly RegionItem[]): (r: Rng) => Place {
  const children = new Map<string | null, RegionItem[]>();
  for (const item of items) {
    const list = children.get(item.parentId) ?? [];
    list.push(item);
    children.set(item.parentId, list);
  }
  const provinces = children.get(null) ?? [];
  if (!provinces.length) throw new Error('the region dictionary is empty');
  const weightedProvinces = provinces.map((p) => [p, provinceWeights[p.name] ?? 0.25] as const);
  const cityWeights = new Map<string, (readonly [RegionItem, number])[]>();
  const code6 = (code: string | null) => (code ?? '').slice(0, 6).padEnd(6, '0');
  return (r) => {
    const province = r.weighted(weightedProvinces);
    const below = children.get(province.id) ?? [];
    const municipality = below.length > 0 && !(children.get(below[0].id)?.length ?? 0);
    if (municipality || !below.length) {
      // 北京市 → 朝阳区: the city is the province itself
      const district = below.length ? r.pick(below) : null;
      const leaf = district ?? province;
      return {
        province: province.name,
        city: province.name,
        district: district?.name ?? null,
        regionId: leaf.id,
        code: code6(leaf.code),
      };
    }
    let weights = cityWeights.get(province.id);
    if (!weights) {
      weights = below.map((c, i) => [c, majorCities.has(c.name) ? 8 : i === 0 ? 3 : 1] as const);
      cityWeights.set(province.id, weights);
    }
    const city = r.weighted(weights);
    const districts = children.get(city.id) ?? [];
    const district = districts.length ? r.pick(districts) : null;
    const leaf = district ?? city;
    return {
      province: province.name,
      city: city.name,
      district: district?.name ?? null,
      regionId: leaf.id,
      code: code6(leaf.code),
    };
  };
}

const provinceSuffix = /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|省|市)$/;
const stem = (name: string) => name.replace(provinceSuffix, '') || name;

/** How a company names its place: `深圳市` / `深圳`; prefectures with long names use the province. */
function placeWord(r: Rng, place: Place): string {
  const city = place.city;
  if (/市$/.test(city) && city.length <= 4) return r.chance(0.55) ? city : stem(city);
  return stem(place.province);
}

const provinceAbbr: Record<string, string> = {
  广东: '粤',
  浙江: '浙',
  江苏: '苏',
  上海: '沪',
  北京: '京',
  福建: '闽',
  四川: '蜀',
  山东: '鲁',
  湖北: '鄂',
  湖南: '湘',
  重庆: '渝',
  安徽: '皖',
  河南: '豫',
  陕西: '秦',
  天津: '津',
};

// ---------------------------------------------------------------- companies

/** [trade, 2-character short form, English] per industry (the names of the `industry` dictionary). */
const trades: Record<string, [string, string, string][]> = {
  制造业: [
    ['精密机械', '精密', 'Precision Machinery'],
    ['机电设备', '机电', 'Electromechanical Equipment'],
    ['模具', '模具', 'Mould'],
    ['五金制品', '五金', 'Hardware'],
    ['电子', '电子', 'Electronics'],
    ['新材料', '材料', 'New Materials'],
    ['汽车零部件', '汽配', 'Auto Parts'],
    ['包装材料', '包装', 'Packaging'],
    ['纺织', '纺织', 'Textile'],
    ['家具', '家具', 'Furniture'],
    ['智能装备', '装备', 'Intelligent Equipment'],
    ['塑胶制品', '塑胶', 'Plastics'],
    ['光电', '光电', 'Optoelectronics'],
    ['化工', '化工', 'Chemical'],
  ],
  信息技术: [
    ['信息技术', '信息', 'Information Technology'],
    ['软件', '软件', 'Software'],
    ['网络科技', '网络', 'Network Technology'],
    ['数据服务', '数据', 'Data Services'],
    ['智能科技', '智能', 'Intelligent Technology'],
    ['云计算', '云计', 'Cloud Computing'],
    ['系统集成', '系统', 'System Integration'],
    ['信息科技', '科技', 'Information Technology'],
  ],
  金融: [
    ['投资管理', '投资', 'Investment Management'],
    ['融资租赁', '租赁', 'Financial Leasing'],
    ['资产管理', '资管', 'Asset Management'],
    ['保险代理', '保险', 'Insurance Agency'],
  ],
  批发零售: [
    ['贸易', '贸易', 'Trading'],
    ['商贸', '商贸', 'Trading'],
    ['百货', '百货', 'Department Store'],
    ['供应链管理', '供应', 'Supply Chain Management'],
    ['电子商务', '电商', 'E-commerce'],
    ['食品贸易', '食品', 'Food Trading'],
    ['日用品', '日用', 'Daily Necessities'],
  ],
  房地产: [
    ['置业', '置业', 'Real Estate'],
    ['房地产开发', '地产', 'Property Development'],
    ['物业管理', '物业', 'Property Management'],
  ],
  医疗健康: [
    ['医疗器械', '医疗', 'Medical Devices'],
    ['生物科技', '生物', 'Biotechnology'],
    ['医药', '医药', 'Pharmaceutical'],
    ['健康管理', '健康', 'Health Management'],
  ],
  教育: [
    ['教育科技', '教育', 'Education Technology'],
    ['教育咨询', '教育', 'Education Consulting'],
    ['文化传播', '文化', 'Culture Communication'],
  ],
  交通物流: [
    ['物流', '物流', 'Logistics'],
    ['国际货运代理', '货代', 'International Freight Forwarding'],
    ['运输', '运输', 'Transportation'],
    ['冷链物流', '冷链', 'Cold Chain Logistics'],
  ],
  能源: [
    ['新能源科技', '能源', 'New Energy Technology'],
    ['光伏科技', '光伏', 'Photovoltaic Technology'],
    ['电力工程', '电力', 'Power Engineering'],
    ['燃气', '燃气', 'Gas'],
  ],
  餐饮酒店: [
    ['餐饮管理', '餐饮', 'Catering Management'],
    ['酒店管理', '酒店', 'Hotel Management'],
    ['食品', '食品', 'Food'],
  ],
  建筑: [
    ['建筑工程', '建筑', 'Construction Engineering'],
    ['装饰工程', '装饰', 'Decoration Engineering'],
    ['建材', '建材', 'Building Materials'],
    ['市政工程', '市政', 'Municipal Engineering'],
    ['钢结构工程', '钢构', 'Steel Structure'],
  ],
  其他: [
    ['企业管理咨询', '咨询', 'Management Consulting'],
    ['广告', '广告', 'Advertising'],
    ['文化传媒', '传媒', 'Media'],
    ['人力资源', '人力', 'Human Resources'],
    ['环保科技', '环保', 'Environmental Technology'],
    ['农业发展', '农业', 'Agriculture'],
  ],
};

const industryWeights: [string, number][] = [
  ['制造业', 22],
  ['信息技术', 17],
  ['批发零售', 14],
  ['建筑', 7],
  ['医疗健康', 7],
  ['交通物流', 7],
  ['餐饮酒店', 6],
  ['教育', 5],
  ['能源', 4],
  ['金融', 4],
  ['房地产', 3],
  ['政府机构', 1.5],
  ['其他', 5],
];

/** Public bodies: `<city>市场监督管理局`, `<district>人民医院`. */
const publicBodies = [
  '市场监督管理局',
  '公共资源交易中心',
  '交通运输局',
  '城市管理局',
  '教育局',
  '人民医院',
  '第一中学',
  '职业技术学院',
  '图书馆',
  '数据资源管理局',
];

const brandFirst = [
  ...'华恒鑫博中天金瑞宏盛海新百汇东永嘉润佳万德利同兴安通信和正达远卓领智云星蓝银长光明凯昌腾飞越启',
];
const brandSecond = [...'泰源远科成桥丰达世纳锐川通方盛润信华越辉联创力邦威航鼎晟拓帆景途安宇峰'];
const regionBrands = ['华南', '华东', '华北', '西南', '东方', '南方', '北方', '中南', '江南', '岭南'];

const forms: [string, number][] = [
  ['有限公司', 62],
  ['有限责任公司', 10],
  ['股份有限公司', 8],
  ['集团有限公司', 3],
];

const englishForms = ['Co., Ltd.', 'Co., Ltd.', 'Limited', 'Inc.', 'Technology Co., Ltd.'];

const roads = [
  '科技园路',
  '人民路',
  '建设路',
  '中山路',
  '解放路',
  '新华路',
  '学府路',
  '滨江大道',
  '工业大道',
  '创业路',
  '金融街',
  '长江路',
  '文化路',
  '和平路',
  '高新南路',
  '东风路',
  '世纪大道',
  '湖滨路',
];
const buildings = ['国际大厦', '科技大厦', '创新中心', '金融中心', '商务中心', '产业园', '广场'];

/** Area codes of the cities named in names (else the province capital's). */
const areaCodes: Record<string, string> = {
  北京市: '010',
  上海市: '021',
  天津市: '022',
  重庆市: '023',
  广州市: '020',
  深圳市: '0755',
  东莞市: '0769',
  佛山市: '0757',
  珠海市: '0756',
  杭州市: '0571',
  宁波市: '0574',
  温州市: '0577',
  南京市: '025',
  苏州市: '0512',
  无锡市: '0510',
  成都市: '028',
  武汉市: '027',
  长沙市: '0731',
  厦门市: '0592',
  福州市: '0591',
  青岛市: '0532',
  济南市: '0531',
  郑州市: '0371',
  西安市: '029',
  合肥市: '0551',
  广东省: '020',
  浙江省: '0571',
  江苏省: '025',
  福建省: '0591',
  四川省: '028',
  山东省: '0531',
  湖北省: '027',
  湖南省: '0731',
  安徽省: '0551',
  河南省: '0371',
  陕西省: '029',
};

/** Approximate centres of the big cities, for map pins. */
const centres: Record<string, [number, number]> = {
  北京市: [39.9042, 116.4074],
  上海市: [31.2304, 121.4737],
  天津市: [39.0842, 117.201],
  重庆市: [29.563, 106.5516],
  广州市: [23.1291, 113.2644],
  深圳市: [22.5431, 114.0579],
  东莞市: [23.0207, 113.7518],
  佛山市: [23.0215, 113.1214],
  杭州市: [30.2741, 120.1551],
  宁波市: [29.8683, 121.544],
  南京市: [32.0603, 118.7969],
  苏州市: [31.2989, 120.5853],
  无锡市: [31.4912, 120.3119],
  成都市: [30.5728, 104.0668],
  武汉市: [30.5928, 114.3055],
  长沙市: [28.2282, 112.9388],
  厦门市: [24.4798, 118.0894],
  福州市: [26.0745, 119.2965],
  青岛市: [36.0671, 120.3826],
  济南市: [36.6512, 117.1201],
  西安市: [34.3416, 108.9398],
  合肥市: [31.8206, 117.2272],
};

const banks = [
  '中国工商银行',
  '中国建设银行',
  '中国银行',
  '中国农业银行',
  '招商银行',
  '交通银行',
  '浦发银行',
  '兴业银行',
];

/** Registered capital in yuan (50万 … 1亿) and how likely each is. */
const capitals: [number, number][] = [
  [500_000, 8],
  [1_000_000, 18],
  [2_000_000, 10],
  [3_000_000, 10],
  [5_000_000, 18],
  [10_000_000, 16],
  [20_000_000, 8],
  [50_000_000, 7],
  [100_000_000, 5],
];

const sampleTags = [
  '重点跟进',
  '老客户',
  '转介绍',
  '招投标',
  '价格敏感',
  'VIP',
  '需求明确',
  '决策周期长',
  '有预算',
  '待激活',
];

const products: Record<string, string> = {
  制造业: '工业零部件与配套加工',
  信息技术: '企业软件与信息化服务',
  金融: '投融资与资产管理服务',
  批发零售: '商品批发与渠道分销',
  房地产: '住宅与商业地产开发运营',
  医疗健康: '医疗器械与健康服务',
  教育: '职业教育与培训服务',
  交通物流: '仓储运输与供应链服务',
  能源: '清洁能源与电力工程',
  餐饮酒店: '连锁餐饮与酒店服务',
  建筑: '工程施工与装饰',
  政府机构: '公共服务',
  其他: '综合服务',
};

// ---------------------------------------------------------------- numbers and codes

const mobilePrefixes = [
  ...'138 139 137 136 135 150 151 152 158 159 182 183 187 188 130 131 132 155 156 185 186 133 153 180 181 189 177 199 166 173'.split(
    ' ',
  ),
];

/**
 * A mobile number unique per `serial` (< 10^8): the last 8 digits are a permutation of the
 * serial (the multiplier is coprime with 10^8), the prefix is random.
 */
function uniqueMobile(r: Rng, serial: number): string {
  const tail = (serial * 7_919_311 + 20_161_123) % 100_000_000;
  return r.pick(mobilePrefixes) + pad(tail, 8);
}

/** `0755-86123456`: an 8-digit local number that does not start with 0 or 1. */
function landline(r: Rng, areaCode: string): string {
  return `${areaCode}-${r.between(2, 8)}${pad(r.int(10_000_000), 7)}`;
}

const usccChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * An 18-character unified social credit code (GB 32100-2015) with valid check characters:
 * `91` (enterprise) or `92` (individual business) + the administrative code + an organisation
 * code (GB 11714, with its own check digit) + the final check character.
 */
function socialCreditCode(r: Rng, regionCode: string, individual = false): string {
  const body = Array.from({ length: 8 }, () => r.int(10));
  const orgSum = body.reduce((s, d, i) => s + d * orgWeights[i], 0);
  const c9 = 11 - (orgSum % 11);
  const orgCheck = c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
  const first17 = `${individual ? '92' : '91'}${regionCode}${body.join('')}${orgCheck}`;
  const sum = [...first17].reduce((s, ch, i) => s + usccChars.indexOf(ch) * usccWeights[i], 0);
  const check = (31 - (sum % 31)) % 31;
  return first17 + usccChars[check];
}

const money = (yuan: number) => `${Math.round(yuan)}.00`;
const syllables = (s: string) => pinyin(s, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const pinyinCache = new Map<string, string>();
/** `云帆` → `yunfan`, `吕` → `lv` (ASCII only: it makes mail addresses; memoised: names repeat a lot). */
function fullPinyin(s: string): string {
  let out = pinyinCache.get(s);
  if (out === undefined) {
    out = syllables(s)
      .join('')
      .toLowerCase()
      .replace(/ü/g, 'v')
      .replace(/[^a-z0-9]/g, '');
    if (pinyinCache.size > 100_000) pinyinCache.clear();
    pinyinCache.set(s, out);
  }
  return out;
}

// ---------------------------------------------------------------- customers

export type SampleCustomer = {
  name: string;
  shortName: string | null;
  type: 'direct' | 'distributor' | 'individual';
  /** A name of the `industry` dictionary. */
  industry: string;
  regionId: string;
  address: string;
  lat: string | null;
  lng: string | null;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  website: string | null;
  taxNumber: string | null;
  bankName: string | null;
  bankAccount: string | null;
  legalRepresentative: string | null;
  registeredCapital: string | null;
  annualTurnover: string | null;
  credit: number | null;
  satisfaction: number | null;
  tags: string[];
  profile: string | null;
  /** The mail domain contacts of this customer use (null: private addresses). */
  domain: string | null;
  /** An individual customer is this person (and its one contact). */
  self: Person | null;
};

function brandOf(r: Rng, place: Place): string {
  const x = r.next();
  if (x < 0.1) return r.pick(regionBrands);
  if (x < 0.22) {
    const abbr = provinceAbbr[stem(place.province)];
    if (abbr) return abbr + r.pick(brandSecond);
  }
  const first = r.pick(brandFirst);
  let second = r.pick(brandSecond);
  while (second === first) second = r.pick(brandSecond);
  return first + second;
}

function addressOf(r: Rng, place: Place): string {
  const city = place.city === place.province ? place.city : `${place.province}${place.city}`;
  const street = `${r.pick(roads)}${r.between(1, 999)}号`;
  const unit = r.chance(0.5)
    ? `${r.pick(buildings)}${r.between(2, 32)}层`
    : r.chance(0.5)
      ? `${r.between(1, 12)}栋${r.between(101, 2808)}室`
      : '';
  return `${city}${place.district ?? ''}${street}${unit}`;
}

function pinOf(r: Rng, place: Place): [string | null, string | null] {
  const c = centres[place.city];
  if (!c) return [null, null];
  const jitter = () => (r.next() - 0.5) * 0.16;
  return [(c[0] + jitter()).toFixed(6), (c[1] + jitter()).toFixed(6)];
}

const score = (r: Rng) =>
  r.chance(0.3)
    ? null
    : r.weighted([
        [5, 2],
        [4, 4],
        [3, 3],
        [2, 1],
        [1, 0.5],
      ] as const);

function tagsOf(r: Rng): string[] {
  const n = r.weighted([
    [0, 40],
    [1, 35],
    [2, 18],
    [3, 7],
  ] as const);
  const out = new Set<string>();
  while (out.size < n) out.add(r.pick(sampleTags));
  return [...out];
}

/**
 * One customer at `place`. `serial` makes its mobile unique (see {@link uniqueMobile}).
 * Mostly companies (`direct`, some `distributor`), ~6% individuals, ~4% English names,
 * a few public bodies.
 */
export function sampleCustomer(r: Rng, place: Place, serial: number): SampleCustomer {
  const areaCode = areaCodes[place.city] ?? areaCodes[place.province] ?? `0${r.between(300, 999)}`;
  const [lat, lng] = pinOf(r, place);
  const base = {
    regionId: place.regionId,
    address: addressOf(r, place),
    lat,
    lng,
    credit: score(r),
    satisfaction: score(r),
    tags: tagsOf(r),
  };
  const kind = r.next();

  if (kind < 0.06) {
    // 个体: a person, or a one-person business named after its owner
    const owner = person(r);
    const shop = r.chance(0.5);
    const industry = shop ? r.pick(['批发零售', '餐饮酒店', '其他']) : '其他';
    const shopName = `${place.district ?? stem(place.city)}${owner.name[0]}记${r.pick(['五金店', '餐馆', '便利店', '建材行', '茶行', '汽修店'])}`;
    return {
      ...base,
      name: shop ? shopName : owner.name,
      shortName: null,
      type: 'individual',
      industry,
      phone: shop && r.chance(0.4) ? landline(r, areaCode) : null,
      mobile: uniqueMobile(r, serial),
      email: r.chance(0.2)
        ? `${fullPinyin(owner.name)}${r.between(1, 99)}@${r.pick(['qq.com', '163.com', '126.com'])}`
        : null,
      website: null,
      taxNumber: shop && r.chance(0.5) ? socialCreditCode(r, place.code, true) : null,
      bankName: null,
      bankAccount: null,
      legalRepresentative: shop ? owner.name : null,
      registeredCapital: shop ? money(r.pick([30_000, 50_000, 100_000, 200_000])) : null,
      annualTurnover: shop && r.chance(0.5) ? money(r.between(20, 300) * 10_000) : null,
      profile: null,
      domain: null,
      self: owner,
    };
  }

  const industry = r.weighted(industryWeights);
  if (industry === '政府机构') {
    const body = r.pick(publicBodies);
    const city = /市$/.test(place.city) && place.city.length <= 4 ? place.city : place.province;
    const district = place.district && r.chance(0.5) ? place.district : null;
    const name = district ? `${district.endsWith('市') ? '' : city}${district}${body}` : `${city}${body}`;
    return {
      ...base,
      name,
      shortName: null,
      type: 'direct',
      industry,
      phone: landline(r, areaCode),
      mobile: r.chance(0.3) ? uniqueMobile(r, serial) : null,
      email: null,
      website: r.chance(0.5) ? `www.${fullPinyin(stem(place.city)).slice(0, 10)}.gov.cn` : null,
      taxNumber: null,
      bankName: null,
      bankAccount: null,
      legalRepresentative: null,
      registeredCapital: null,
      annualTurnover: null,
      tags: [],
      profile: null,
      domain: null,
      self: null,
    };
  }

  const [trade, tradeShort, tradeEn] = r.pick(trades[industry]);
  const cityWord = placeWord(r, place);
  const brand = brandOf(r, place);
  const brandPy = fullPinyin(brand);
  const english = r.chance(0.04);
  const branch = !english && r.chance(0.03);
  const form = r.weighted(forms);
  const name = english
    ? `${capitalise(fullPinyin(stem(place.city)))} ${capitalise(brandPy)} ${tradeEn} ${r.pick(englishForms)}`
    : branch
      ? `${brand}${trade}有限公司${stem(place.city)}分公司`
      : `${cityWord}${brand}${trade}${form}`;
  const type: SampleCustomer['type'] =
    industry === '批发零售'
      ? r.chance(0.55)
        ? 'distributor'
        : 'direct'
      : r.chance(0.06)
        ? 'distributor'
        : 'direct';
  const domain = `${brandPy}${r.chance(0.5) ? fullPinyin(tradeShort) : ''}.${r.pick(['com', 'com.cn', 'cn', 'net'])}`;
  const capital = r.weighted(capitals) * (form === '集团有限公司' ? 10 : 1);
  const hasTax = r.chance(0.6);
  return {
    ...base,
    name,
    shortName: english
      ? r.chance(0.5)
        ? capitalise(brandPy)
        : null
      : r.chance(0.7)
        ? brand + tradeShort
        : null,
    type,
    industry,
    phone: r.chance(0.85) ? landline(r, areaCode) : null,
    mobile: r.chance(0.75) ? uniqueMobile(r, serial) : null,
    email: r.chance(0.45) ? `${r.pick(['info', 'sales', 'service', 'contact', 'market'])}@${domain}` : null,
    website: r.chance(0.35) ? `www.${domain}` : null,
    taxNumber: hasTax ? socialCreditCode(r, place.code) : null,
    bankName:
      hasTax && r.chance(0.6)
        ? `${r.pick(banks)}${stem(place.city)}${r.pick(['分行', '支行', '营业部'])}`
        : null,
    bankAccount:
      hasTax && r.chance(0.6) ? `${r.between(1, 9)}${pad(r.int(1e9), 9)}${pad(r.int(1e9), 9)}` : null,
    legalRepresentative: r.chance(0.7) ? person(r).name : null,
    registeredCapital: r.chance(0.8) ? money(capital) : null,
    annualTurnover: r.chance(0.5)
      ? money(Math.round((capital * (0.3 + r.next() * 8)) / 10_000) * 10_000)
      : null,
    profile: r.chance(0.3)
      ? `${stem(place.city)}${industry}企业，主营${products[industry]}，员工约 ${r.pick([20, 50, 80, 120, 200, 500, 1000])} 人。`
      : null,
    domain,
    self: null,
  };
}

// ---------------------------------------------------------------- contacts

const contactRoles: [string, string, string | null][] = [
  ['总经理', '总经办', '决策者'],
  ['董事长', '总经办', '决策者'],
  ['副总经理', '总经办', '决策者'],
  ['采购经理', '采购部', '采购'],
  ['采购专员', '采购部', '使用者'],
  ['财务经理', '财务部', '影响者'],
  ['技术总监', '技术部', '技术把关'],
  ['IT经理', '信息部', '技术把关'],
  ['行政主管', '行政部', '使用者'],
  ['销售总监', '销售部', '影响者'],
  ['项目经理', '项目部', '影响者'],
  ['运营总监', '运营部', null],
];

type SampleContact = {
  name: string;
  gender: 'male' | 'female';
  title: string | null;
  department: string | null;
  mobile: string | null;
  phone: string | null;
  email: string | null;
  wechat: string | null;
  birthday: string | null;
  decisionRole: string | null;
  remark: string | null;
};

/** A contact person of `customer`; `serial` makes the mobile unique among all contacts. */
export function sampleContact(
  r: Rng,
  customer: SampleCustomer,
  serial: number,
  first = false,
): SampleContact {
  const self = first ? customer.self : null;
  const who = self ?? person(r);
  const [title, department, decisionRole] = self ? ['负责人', null, '决策者'] : r.pick(contactRoles);
  const py = fullPinyin(who.name);
  return {
    name: who.name,
    gender: who.gender,
    title,
    department,
    mobile: r.chance(0.9) ? uniqueMobile(r, serial) : null,
    phone: customer.phone && r.chance(0.3) ? `${customer.phone}-${r.between(801, 899)}` : null,
    email: customer.domain && r.chance(0.5) ? `${py}@${customer.domain}` : null,
    wechat: r.chance(0.4) ? `${py}${r.between(10, 99)}` : null,
    birthday: r.chance(0.2)
      ? `${r.between(1965, 1998)}-${pad(r.between(1, 12), 2)}-${pad(r.between(1, 28), 2)}`
      : null,
    decisionRole,
    remark: r.chance(0.1) ? r.pick(['周末不方便联系', '喜欢微信沟通', '上午联系为宜', '已加企业微信']) : null,
  };
}

/** How many contacts a customer gets: 1–4, 2.5 on average (individuals: just themselves). */
export const contactCount = (r: Rng, c: Pick<SampleCustomer, 'type' | 'industry'>) =>
  c.type === 'individual'
    ? 1
    : r.weighted([
        [1, 15],
        [2, 35],
        [3, 35],
        [4, 15],
      ] as const);
