import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/campaigns.json';

// the campaigns' Chinese texts come with their pages, not with the first load
addDefaultTexts('campaigns', texts);
