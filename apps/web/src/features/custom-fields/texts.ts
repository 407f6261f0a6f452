import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/customFields.json';

// the custom fields' texts come with the code that shows custom fields, not with the first load
addDefaultTexts('customFields', texts);
