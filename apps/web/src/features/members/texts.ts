import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/members.json';

// the members' Chinese texts come with their pages (会员), not with the first load
addDefaultTexts('members', texts);
