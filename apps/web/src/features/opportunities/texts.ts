import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/opportunities.json';

// the opportunities' Chinese texts come with their code (list, board, customer tab), not with the first load
addDefaultTexts('opportunities', texts);
