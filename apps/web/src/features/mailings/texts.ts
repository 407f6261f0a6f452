import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/mailings.json';

// the mailings' Chinese texts come with their pages (few people open them), not with the first load
addDefaultTexts('mailings', texts);
