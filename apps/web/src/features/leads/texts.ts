import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/leads.json';

// the leads' Chinese texts come with their pages (marketing work most users never open)
addDefaultTexts('leads', texts);
