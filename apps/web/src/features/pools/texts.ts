import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/pools.json';

// the pools' texts come with the pool pages and actions, not with the login page
addDefaultTexts('pools', texts);
