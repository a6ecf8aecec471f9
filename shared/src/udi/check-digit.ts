/**
 * Check characters: GS1 mod-10 (GTIN, SSCC, GLN, GDTI…), the GS1 alphanumeric check pair (GMN,
 * MUDI), IBAN mod-97 (AI 8007) and HIBCC mod-43.
 */

/** GS1 mod-10 over the digits that precede the check digit: weights 3,1,3… from the right. */
export function gs1CheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return String((10 - (sum % 10)) % 10);
}

export const hasValidGs1CheckDigit = (digits: string): boolean =>
  /^\d{2,}$/.test(digits) && gs1CheckDigit(digits.slice(0, -1)) === digits.slice(-1);

/** GS1 AI encodable character set 82, in the order that gives each character its check-pair weight. */
export const CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
// GS1 General Specifications 7.9.5: weights times primes from the right, mod 1021, as two base-32 characters.
const CHECK_PAIR_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const PRIMES = [
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109,
  113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193, 197, 199, 211, 223, 227, 229, 233, 239,
  241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307, 311, 313, 317, 331, 337, 347, 349, 353, 359, 367, 373, 379,
  383, 389, 397, 401, 409, 419, 421, 431, 433, 439, 443, 449, 457, 461, 463, 467, 479, 487, 491, 499, 503, 509,
];

/** The two check characters that end a GMN (8013) or MUDI (8014); undefined if the body can't carry one. */
export function gs1CheckPair(body: string): string | undefined {
  if (body.length > PRIMES.length) return undefined;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const weight = CSET82.indexOf(body.charAt(i));
    if (weight < 0) return undefined;
    sum += weight * PRIMES[body.length - 1 - i]!;
  }
  sum %= 1021;
  return CHECK_PAIR_ALPHABET.charAt(sum >> 5) + CHECK_PAIR_ALPHABET.charAt(sum & 31);
}

/** ISO 13616: move the first four characters to the end, letters to 10–35, the number mod 97 is 1. */
export function hasValidIbanChecksum(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) return false;
  let remainder = 0;
  for (const char of iban.slice(4) + iban.slice(0, 4)) {
    const value = Number.parseInt(char, 36);
    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
  }
  return remainder === 1;
}

export const HIBCC_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";

/** HIBCC mod-43 over everything from the `+` flag up to the check character. */
export function hibccCheckCharacter(data: string): string | undefined {
  let sum = 0;
  for (const char of data) {
    const value = HIBCC_ALPHABET.indexOf(char);
    if (value < 0) return undefined;
    sum += value;
  }
  return HIBCC_ALPHABET.charAt(sum % 43);
}
