import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/error-code';
import { errorTypeOf, RESULT_ERROR_TYPES, TOP_LEVEL_ERROR_TYPES, UNEXPECTED } from '../../src/errors/error-types';

describe('the error vocabulary', () => {
  it('gives every code exactly one type, but the one the unexpected becomes', () => {
    const types = [...RESULT_ERROR_TYPES, ...TOP_LEVEL_ERROR_TYPES];
    const owners = Object.values(ErrorCode).map((code) => [code, types.filter((type) => type.codes.includes(code)).map((type) => type.name)]);
    expect(owners.filter(([code, names]) => code !== UNEXPECTED && names.length !== 1)).toEqual([]);
    expect(errorTypeOf(UNEXPECTED)).toBeUndefined();
    expect(errorTypeOf(ErrorCode.COMMIT_OUTCOME_UNKNOWN)?.name).toBe('ServiceUnavailableError');
    expect(errorTypeOf(ErrorCode.IDEMPOTENCY_KEY_REUSED)?.name).toBe('ValidationError');
  });
});
