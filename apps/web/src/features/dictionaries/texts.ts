import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/dictionaries.json';

// the dictionaries' texts come with the code that uses them, not with the first load
addDefaultTexts('dictionaries', texts);
