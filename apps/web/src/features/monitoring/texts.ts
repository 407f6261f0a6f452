import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/monitoring.json';

// the monitoring page's Chinese texts come with its code, not with the first load
addDefaultTexts('monitoring', texts);
