/**
 * Small counts in words for the current UI language ("noch zwei Versuche", "two tries left"):
 * a PIN retry counter is 0–15 (ISO/IEC 7816-4 §5.1.3, SW 63Cx), and a number written as a word
 * is read more reliably than a digit in a warning (and by screen readers in the right language).
 */
import { getLocale } from './locale';

const DE = [
  'null',
  'ein',
  'zwei',
  'drei',
  'vier',
  'fünf',
  'sechs',
  'sieben',
  'acht',
  'neun',
  'zehn',
  'elf',
  'zwölf',
  'dreizehn',
  'vierzehn',
  'fünfzehn',
];
const EN = [
  'no',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
];

/**
 * `n` as a word in the current locale (German "ein" is the form before a masculine noun:
 * "noch ein Versuch"); digits outside 0–15.
 */
export function countWord(n: number): string {
  const words = getLocale() === 'en' ? EN : DE;
  return Number.isInteger(n) && n >= 0 && n < words.length ? words[n]! : String(n);
}
