import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/customers.json';

// the customers' texts come with the customer pages and pickers, not with the login page
addDefaultTexts('customers', texts);
