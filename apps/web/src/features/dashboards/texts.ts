import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/dashboards.json';

// the dashboards' Chinese texts come with the home page's code, not with the first load
addDefaultTexts('dashboards', texts);
