import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/backups.json';

// the backups' Chinese texts come with their page (an administrator's setting), not with the first load
addDefaultTexts('backups', texts);
