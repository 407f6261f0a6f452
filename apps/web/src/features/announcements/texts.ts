import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/announcements.json';

// the announcements' Chinese texts come with their page, not with the first load
addDefaultTexts('announcements', texts);
