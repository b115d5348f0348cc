/**
 * 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015: 18 characters from a
 * 31-character alphabet (no I, O, S, V, Z); the 18th is a check character computed from the
 * first 17 with weights 3^i mod 31.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % 31n));

export const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character for the first 17 characters, or undefined if they use other characters. */
export function usccCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]!);
    if (v < 0) return undefined;
    sum += v * WEIGHTS[i]!;
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[c];
}

export type UsccProblem = 'length' | 'characters' | 'check';

/** Why a code is not a valid USCC, or undefined when it is valid. */
export function usccProblem(code: string): UsccProblem | undefined {
  if (code.length !== 18) return 'length';
  if (!USCC_PATTERN.test(code)) return 'characters';
  return usccCheckChar(code.slice(0, 17)) === code[17] ? undefined : 'check';
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === undefined;
}
