import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/quotes.json';

// the quotes' Chinese texts come with their code, not with the first load
addDefaultTexts('quotes', texts);
