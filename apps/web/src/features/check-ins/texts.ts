import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/checkIns.json';

// the check-in pages' Chinese texts come with their code, not with the first load
addDefaultTexts('checkIns', texts);
