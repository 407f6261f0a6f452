import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/receivables.json';

// 回款 and 开票 texts come with their code (pages, the contract's money section), not with the first load
addDefaultTexts('receivables', texts);
