// Reply language from the activity locale: Dutch for nl-*, English for everything else.
import type { Lang } from '../triage/types';

export function langFromLocale(locale: string | undefined | null): Lang {
  return typeof locale === 'string' && /^nl(?:[-_]|$)/i.test(locale.trim()) ? 'nl' : 'en';
}
