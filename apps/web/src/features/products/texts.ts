import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/products.json';

// the products' Chinese texts come with their pages (产品, 价格表), not with the first load
addDefaultTexts('products', texts);
