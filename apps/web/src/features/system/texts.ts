import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/system.json';

// the settings' texts come with the settings page (admins only), not with the first load
addDefaultTexts('system', texts);
