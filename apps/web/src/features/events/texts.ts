import { addDefaultTexts } from '../../lib/i18n.ts';
import texts from '../../locales/zh-CN/events.json';

// the schedule's texts come with the calendar and its tabs, not with the login page
addDefaultTexts('events', texts);
