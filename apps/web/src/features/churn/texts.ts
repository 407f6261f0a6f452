import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/churn.json';

// the churn pages' Chinese texts come with their code, not with the first load
addDefaultTexts('churn', texts);
