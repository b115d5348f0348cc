import { describe, expect, it } from 'vitest';
import { USCC_ALPHABET, isValidUscc, usccCheckChar, usccProblem } from '../../src/lib/uscc.ts';

describe('USCC check character (GB 32100-2015)', () => {
  it('accepts known valid codes', () => {
    expect(isValidUscc('91110000600037341L')).toBe(true);
    expect(isValidUscc('91110108551385082Q')).toBe(true);
    expect(usccCheckChar('91110000600037341')).toBe('L');
    expect(usccCheckChar('91110108551385082')).toBe('Q');
  });

  it('rejects every single-character corruption of a valid code', () => {
    for (const code of ['91110000600037341L', '91110108551385082Q']) {
      for (let i = 0; i < 18; i++) {
        for (const ch of USCC_ALPHABET) {
          if (ch === code[i]) continue;
          const bad = code.slice(0, i) + ch + code.slice(i + 1);
          expect(isValidUscc(bad), bad).toBe(false);
        }
      }
    }
  });

  it('rejects swapped neighbours, wrong length and characters outside the alphabet', () => {
    expect(usccProblem('91110000600037314L')).toBe('check');
    expect(usccProblem('9111000060003734L')).toBe('length');
    expect(usccProblem('91110000600037341LL')).toBe('length');
    expect(usccProblem('9111000060003734IL')).toBe('characters');
    expect(usccProblem('91110000600037341l')).toBe('characters');
    expect(usccCheckChar('9111000060003734O')).toBeUndefined();
  });
});
