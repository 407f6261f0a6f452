import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/field.json';

// the field page's Chinese texts come with its code, not with the first load
addDefaultTexts('field', texts);
