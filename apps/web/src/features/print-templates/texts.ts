import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/printTemplates.json';

// the print templates' Chinese texts come with their pages (settings, the print page), not with the first load
addDefaultTexts('printTemplates', texts);
