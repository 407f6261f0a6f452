import { addDefaultTexts } from '../lib/i18n.ts';
import texts from '../locales/zh-CN/maps.json';

// the map picker's Chinese texts come with its chunk, not with the first load
addDefaultTexts('maps', texts);
