import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/reports.json';

// the reports' Chinese texts come with their code (the report page, the norms card), not with the first load
addDefaultTexts('reports', texts);
