import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/marketingPlans.json';

// the marketing plans' Chinese texts come with their code (list, summary, the field page's picker), not with the first load
addDefaultTexts('marketingPlans', texts);
