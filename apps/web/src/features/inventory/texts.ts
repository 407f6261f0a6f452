import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/inventory.json';

// the inventory's Chinese texts come with its page (库存), not with the first load
addDefaultTexts('inventory', texts);
