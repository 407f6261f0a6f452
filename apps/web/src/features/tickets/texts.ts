import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/tickets.json';

// the tickets' Chinese texts come with their code (list page, customer tab, public link), not with the first load
addDefaultTexts('tickets', texts);
