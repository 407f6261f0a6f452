import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/orders.json';

// the orders' Chinese texts come with their code (the list, the customer's 订单 tab), not with the first load
addDefaultTexts('orders', texts);
