import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/imports.json';

// these Chinese texts come with the pages' code, not with the first load
addDefaultTexts('imports', texts);
