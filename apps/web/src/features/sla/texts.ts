import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/sla.json';

// the SLA settings' Chinese texts come with their page (admins only), not with the first load
addDefaultTexts('sla', texts);
