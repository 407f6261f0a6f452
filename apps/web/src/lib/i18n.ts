import type { Locale } from '@guanxi/contract';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultResources, loadResources, type Resources } from '../locales/index.ts';

export const LANGUAGE_STORAGE_KEY = 'guanxi.language';
export const supportedLanguages: readonly Locale[] = ['zh-CN', 'en-US'];
/** Names of the languages in themselves, shown the same in every UI language. */
export const languageNames: Record<Locale, string> = { 'zh-CN': '简体中文', 'en-US': 'English' };

const dayjsLocales: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

function storedLanguage(): Locale {
  try {
    const value = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (value === 'zh-CN' || value === 'en-US') return value;
  } catch {
    // storage unavailable (private mode): fall back to the default
  }
  return 'zh-CN';
}

function applyDocumentLanguage(lng: Locale) {
  dayjs.locale(dayjsLocales[lng]);
  document.documentElement.lang = lng;
}

const initial = storedLanguage();
applyDocumentLanguage(initial);

i18n.use(initReactI18next).init({
  resources: { 'zh-CN': defaultResources },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: [...supportedLanguages],
  defaultNS: 'common',
  ns: Object.keys(defaultResources),
  interpolation: { escapeValue: false },
  returnNull: false,
});

/**
 * Registers the Chinese texts of a namespace that is not part of the first load; called by the
 * module that imports them, so they are there before any of its components render.
 */
export function addDefaultTexts<N extends keyof Resources>(ns: N, texts: Resources[N]) {
  if (!i18n.hasResourceBundle('zh-CN', ns)) i18n.addResourceBundle('zh-CN', ns, texts);
}

/** Puts a language's texts into i18next; all but the default are fetched the first time. */
async function loadLanguage(lng: Locale): Promise<void> {
  if (lng === 'zh-CN' || i18n.hasResourceBundle(lng, 'common')) return;
  const resources = await loadResources[lng]();
  for (const [ns, texts] of Object.entries(resources)) i18n.addResourceBundle(lng, ns, texts);
}

/**
 * Resolves when the remembered language's texts are loaded: the app renders after it, so nothing
 * shows in the other language first. If they cannot be fetched, the app shows in Chinese.
 */
export const i18nReady: Promise<void> = loadLanguage(initial).catch(async () => {
  applyDocumentLanguage('zh-CN');
  await i18n.changeLanguage('zh-CN');
});

/** The current UI language, always one of the supported locales. */
export function currentLanguage(): Locale {
  return i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
}

/** Switches the UI language at once and remembers it in this browser. */
export async function changeLanguage(lng: Locale): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // not persisted, still applied
  }
  await loadLanguage(lng);
  applyDocumentLanguage(lng);
  await i18n.changeLanguage(lng);
}

export default i18n;
