import { z } from 'zod';

/** Text shown to planners in both interface languages. */
export const localizedText = z.strictObject({
  zh: z.string().min(1),
  en: z.string().min(1),
});

/** A display name or message in Chinese and English. */
export type LocalizedText = z.infer<typeof localizedText>;

/** The interface languages shopplan speaks. */
export type Lang = 'zh' | 'en';
