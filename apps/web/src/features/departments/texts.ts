import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/departments.json';

// the departments' texts come with the organisation pages, not with the first load
addDefaultTexts('departments', texts);
