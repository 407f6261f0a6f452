import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/followUps.json';

// the follow-ups' Chinese texts come with their code (list page, customer tabs), not with the first load
addDefaultTexts('followUps', texts);
