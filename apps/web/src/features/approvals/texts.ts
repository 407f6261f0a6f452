import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/approvals.json';

// the approvals' Chinese texts come with their code (the inbox, the flows, a document's history), not with the first load
addDefaultTexts('approvals', texts);
