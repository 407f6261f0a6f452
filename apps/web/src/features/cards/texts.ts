import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/cards.json';

// the cards' Chinese texts come with their pages (充值卡), not with the first load
addDefaultTexts('cards', texts);
