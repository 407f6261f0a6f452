import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/workReports.json';

// the work reports' Chinese texts come with their code, not with the first load
addDefaultTexts('workReports', texts);
