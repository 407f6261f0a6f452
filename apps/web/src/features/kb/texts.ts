import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/kb.json';

// the knowledge base's Chinese texts come with its code, not with the first load
addDefaultTexts('kb', texts);
