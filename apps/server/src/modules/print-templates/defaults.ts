import type { PrintDocumentType, PrintVariable } from '@guanxi/contract';

/*
 * Built-in templates: what prints until a tenant saves its own (and after 恢复默认). Field names
 * are those of the document's GET answer (contract files quotes.ts, orders.ts, contracts.ts),
 * plus `tenant.name`, `printedAt` and `amountInWords` (the total in capitals).
 */

const header = (title: string) => `<div class="doc">
<div class="doc-header">
  <div class="company">{{tenant.name}}</div>
  <div class="doc-title">${title}</div>
</div>`;

const linesTable = `<table class="lines">
  <thead>
    <tr><th>序号</th><th>产品编码</th><th>产品名称</th><th>型号规格</th><th>单位</th><th>数量</th><th>单价（元）</th><th>折扣%</th><th>金额（元）</th></tr>
  </thead>
  <tbody>
    {{#lines}}
    <tr><td class="center">{{no}}</td><td>{{productCode}}</td><td>{{productName}}</td><td>{{model}} {{spec}}</td><td class="center">{{unitName}}</td><td class="num">{{quantity}}</td><td class="num">{{#money}}{{unitPrice}}{{/money}}</td><td class="num">{{discountPercent}}</td><td class="num">{{#money}}{{amount}}{{/money}}</td></tr>
    {{/lines}}
  </tbody>
  <tfoot>
    <tr class="totals"><td colspan="8" class="num">合计（不含税）</td><td class="num">{{#money}}{{subtotal}}{{/money}}</td></tr>
    <tr class="totals"><td colspan="8" class="num">税额（税率 {{taxRate}}%）</td><td class="num">{{#money}}{{tax}}{{/money}}</td></tr>
    <tr class="totals"><td colspan="8" class="num">总计（含税）</td><td class="num">{{#money}}{{total}}{{/money}}</td></tr>
  </tfoot>
</table>
<div class="words">金额大写：人民币{{amountInWords}}</div>`;

/** A party's name: the given field when it is filled, else the fallback (the company, the customer). */
const either = (field: string, fallback: string) =>
  `{{#${field}}}{{${field}}}{{/${field}}}{{^${field}}}{{${fallback}}}{{/${field}}}`;

const signatures = (
  left: string,
  right: string,
  names: { ours: string; theirs: string; ourSignatory?: string; theirSignatory?: string } = {
    ours: '{{tenant.name}}',
    theirs: '{{customerName}}',
  },
) => `<table class="signatures">
  <tr>
    <td>${left}：${names.ours}<div class="sign-line"></div>${names.ourSignatory ? `代表：${names.ourSignatory}<br />` : ''}签字（盖章）<br />日期：</td>
    <td>${right}：${names.theirs}<div class="sign-line"></div>${names.theirSignatory ? `代表：${names.theirSignatory}<br />` : ''}签字（盖章）<br />日期：</td>
  </tr>
</table>
<div class="footer">打印时间：{{printedAt}}</div>
</div>`;

const ours = either('ourCompany', 'tenant.name');
const theirs = either('theirCompany', 'customerName');

export const defaultTemplates: Record<PrintDocumentType, string> = {
  quote: `${header('报 价 单')}
<table class="meta">
  <tr><td>报价单号：{{number}}</td><td>报价日期：{{createdDate}}</td></tr>
  <tr><td>客户名称：{{customerName}}</td><td>有效期至：{{validUntil}}</td></tr>
  <tr><td>销售代表：{{ownerName}}</td><td>所属部门：{{departmentName}}</td></tr>
</table>
<p>感谢贵司的垂询，现将报价明细列示如下：</p>
${linesTable}
{{#notes}}<div class="terms">备注：{{notes}}</div>{{/notes}}
<div class="terms">说明：1. 以上价格为人民币含税价；2. 本报价在有效期内有效；3. 交货期与付款方式以双方签订的合同为准。</div>
${signatures('报价方', '客户确认')}`,
  order: `${header('销 售 订 单')}
<table class="meta">
  <tr><td>订单编号：{{number}}</td><td>订单日期：{{orderDate}}</td></tr>
  <tr><td>客户名称：{{customerName}}</td><td>关联报价：{{quoteNumber}}</td></tr>
  <tr><td>销售代表：{{ownerName}}</td><td>所属部门：{{departmentName}}</td></tr>
</table>
${linesTable}
{{#notes}}<div class="terms">备注：{{notes}}</div>{{/notes}}
${signatures('供方', '需方')}`,
  contract: `${header('销 售 合 同')}
<table class="meta">
  <tr><td>合同编号：{{number}}</td><td>签订日期：{{signedAt}}</td></tr>
  <tr><td>合同名称：{{title}}</td><td>关联订单：{{orderNumber}}</td></tr>
  <tr><td>甲方（需方）：${theirs}</td><td>乙方（供方）：${ours}</td></tr>
  <tr><td>合同期限：{{startDate}} 至 {{endDate}}</td><td>经办人：{{ownerName}}</td></tr>
</table>
<p>甲乙双方本着平等互利的原则，经友好协商，就以下事项达成一致，签订本合同。</p>
<table class="lines">
  <tr><td>合同金额（元）</td><td class="num">{{#money}}{{amount}}{{/money}}</td></tr>
  <tr><td>金额大写</td><td>人民币{{amountInWords}}</td></tr>
</table>
<div class="terms">{{#terms}}合同条款：
{{terms}}{{/terms}}</div>
<div class="terms">本合同一式两份，甲乙双方各执一份，自双方签字盖章之日起生效。</div>
${signatures('乙方（供方）', '甲方（需方）', {
  ours,
  theirs,
  ourSignatory: '{{ourSignatory}}',
  theirSignatory: '{{theirSignatory}}',
})}`,
};

const l = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

const common: PrintVariable[] = [
  { name: 'tenant.name', kind: 'text', label: l('公司名称', 'Company name') },
  { name: 'printedAt', kind: 'text', label: l('打印时间', 'Printed at') },
  { name: 'number', kind: 'text', label: l('单据编号', 'Document number') },
  { name: 'customerName', kind: 'text', label: l('客户名称', 'Customer') },
  { name: 'ownerName', kind: 'text', label: l('负责人', 'Owner') },
  { name: 'departmentName', kind: 'text', label: l('部门', 'Department') },
  { name: 'amountInWords', kind: 'text', label: l('金额大写', 'Amount in Chinese capitals') },
  { name: 'createdDate', kind: 'text', label: l('创建日期', 'Created on') },
  {
    name: 'money',
    kind: 'list',
    label: l('千分位金额（包住一个金额变量）', 'An amount with thousands separators (wrap an amount)'),
  },
];

const lineFields = [
  { name: 'no', label: l('序号', 'No.') },
  { name: 'productCode', label: l('产品编码', 'Product code') },
  { name: 'productName', label: l('产品名称', 'Product') },
  { name: 'model', label: l('型号', 'Model') },
  { name: 'spec', label: l('规格', 'Spec') },
  { name: 'unitName', label: l('单位', 'Unit') },
  { name: 'quantity', label: l('数量', 'Quantity') },
  { name: 'unitPrice', label: l('单价', 'Unit price') },
  { name: 'discountPercent', label: l('折扣%', 'Discount %') },
  { name: 'amount', label: l('金额', 'Amount') },
];

const sales: PrintVariable[] = [
  { name: 'lines', kind: 'list', label: l('明细行', 'Lines'), fields: lineFields },
  { name: 'subtotal', kind: 'text', label: l('合计（不含税）', 'Subtotal') },
  { name: 'taxRate', kind: 'text', label: l('税率%', 'Tax rate %') },
  { name: 'tax', kind: 'text', label: l('税额', 'Tax') },
  { name: 'total', kind: 'text', label: l('总计', 'Total') },
  { name: 'notes', kind: 'text', label: l('备注', 'Notes') },
];

export const printVariables: Record<PrintDocumentType, PrintVariable[]> = {
  quote: [...common, { name: 'validUntil', kind: 'text', label: l('有效期至', 'Valid until') }, ...sales],
  order: [
    ...common,
    { name: 'orderDate', kind: 'text', label: l('订单日期', 'Order date') },
    { name: 'quoteNumber', kind: 'text', label: l('关联报价', 'Quote') },
    ...sales,
  ],
  contract: [
    ...common,
    { name: 'title', kind: 'text', label: l('合同名称', 'Title') },
    { name: 'amount', kind: 'text', label: l('合同金额', 'Amount') },
    { name: 'signedAt', kind: 'text', label: l('签订日期', 'Signed on') },
    { name: 'startDate', kind: 'text', label: l('开始日期', 'Start') },
    { name: 'endDate', kind: 'text', label: l('结束日期', 'End') },
    { name: 'orderNumber', kind: 'text', label: l('关联订单', 'Order') },
    { name: 'ourCompany', kind: 'text', label: l('乙方（我方）', 'Our company') },
    { name: 'ourSignatory', kind: 'text', label: l('我方代表', 'Our signatory') },
    { name: 'theirCompany', kind: 'text', label: l('甲方（客户方）', 'Their company') },
    { name: 'theirSignatory', kind: 'text', label: l('客户方代表', 'Their signatory') },
    { name: 'terms', kind: 'text', label: l('合同条款', 'Terms') },
  ],
};

const sampleLines = [
  {
    productCode: 'CP-001',
    productName: '智能门禁控制器',
    model: 'GX-200',
    spec: '标准版',
    unitName: '台',
    quantity: '3',
    unitPrice: '0.10',
    discountPercent: '0',
    amount: '0.30',
  },
  {
    productCode: 'CP-002',
    productName: '人脸识别终端',
    model: 'FR-7',
    spec: null,
    unitName: '台',
    quantity: '7',
    unitPrice: '19.99',
    discountPercent: '12.5',
    amount: '122.44',
  },
  {
    productCode: 'CP-003',
    productName: '安装调试服务',
    model: null,
    spec: '一年质保',
    unitName: '项',
    quantity: '1',
    unitPrice: '1234.56',
    discountPercent: '0',
    amount: '1234.56',
  },
];

const sampleSales = {
  customerName: '上海示例贸易有限公司',
  ownerName: '张伟',
  departmentName: '华东销售部',
  lines: sampleLines,
  taxRate: '13',
  subtotal: '1357.30',
  tax: '176.45',
  total: '1533.75',
  notes: '含运费',
};

/** What a preview renders: a plausible document of the type (the 3-line example of issue 14). */
export const sampleData: Record<PrintDocumentType, Record<string, unknown>> = {
  quote: {
    ...sampleSales,
    number: 'BJ20261206-0001',
    createdAt: '2026-12-06T01:30:00.000Z',
    validUntil: '2026-12-31',
  },
  order: {
    ...sampleSales,
    number: 'DD20261206-0001',
    orderDate: '2026-12-06',
    quoteNumber: 'BJ20261206-0001',
  },
  contract: {
    number: 'HT20261206-0001',
    title: '门禁系统采购合同',
    customerName: '上海示例贸易有限公司',
    ownerName: '张伟',
    departmentName: '华东销售部',
    amount: '1533.75',
    signedAt: '2026-12-06',
    startDate: '2026-12-06',
    endDate: '2027-12-05',
    orderNumber: 'DD20261206-0001',
    ourCompany: null,
    ourSignatory: '李红',
    theirCompany: '上海示例贸易有限公司',
    theirSignatory: '王经理',
    terms: '1. 乙方于合同签订后 15 日内交货。\n2. 甲方于验收合格后 30 日内付清全款。',
  },
};
