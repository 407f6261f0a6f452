import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/contracts.json';

// the contracts' Chinese texts come with their code (list page, customer tab), not with the first load
addDefaultTexts('contracts', texts);
