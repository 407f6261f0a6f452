import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/roles.json';

// the roles' texts come with the role pages (admins only), not with the first load
addDefaultTexts('roles', texts);
