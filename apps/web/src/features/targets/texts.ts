import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/targets.json';

// 销售任务's Chinese texts come with its page, not with the first load
addDefaultTexts('targets', texts);
