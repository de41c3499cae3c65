import {
  getMetadataStorage,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  registerDecorator,
  validate,
} from 'class-validator';
import { memoizeValidationMetadata } from './validation-metadata';

class BaseQuery {
  @IsOptional()
  @IsInt()
  limit?: number;

  @IsOptional()
  @IsString({ groups: ['admin'] })
  note?: unknown;
}

class CaseQuery extends BaseQuery {
  @IsOptional()
  @MaxLength(5)
  q?: string;
}

class Unrelated {
  @IsString()
  name!: string;
}

const storage = getMetadataStorage();
const describeMetadata = (list: ReturnType<typeof storage.getTargetValidationMetadatas>) =>
  list.map((m) => `${(m.target as { name: string }).name}.${m.propertyName}:${m.type}:${m.name}`);

describe('memoizeValidationMetadata', () => {
  // Computed before the memo is installed: the answers it must keep giving.
  const plain = {
    caseQuery: describeMetadata(storage.getTargetValidationMetadatas(CaseQuery, '', false, false)),
    adminGroup: describeMetadata(
      storage.getTargetValidationMetadatas(CaseQuery, '', false, false, ['admin']),
    ),
    strict: describeMetadata(storage.getTargetValidationMetadatas(CaseQuery, '', false, true)),
    unrelated: describeMetadata(storage.getTargetValidationMetadatas(Unrelated, '', false, false)),
  };

  beforeAll(() => memoizeValidationMetadata(storage));

  it('answers as class-validator does, inherited rules and groups included', () => {
    expect(plain.caseQuery).toEqual(
      expect.arrayContaining([
        'CaseQuery.q:customValidation:maxLength',
        'BaseQuery.limit:customValidation:isInt',
      ]),
    );
    expect(
      describeMetadata(storage.getTargetValidationMetadatas(CaseQuery, '', false, false)),
    ).toEqual(plain.caseQuery);
    expect(
      describeMetadata(
        storage.getTargetValidationMetadatas(CaseQuery, '', false, false, ['admin']),
      ),
    ).toEqual(plain.adminGroup);
    expect(
      describeMetadata(storage.getTargetValidationMetadatas(CaseQuery, '', false, true)),
    ).toEqual(plain.strict);
    expect(
      describeMetadata(storage.getTargetValidationMetadatas(Unrelated, '', false, false)),
    ).toEqual(plain.unrelated);
  });

  it('looks a class up once, not on every validation', () => {
    const first = storage.getTargetValidationMetadatas(CaseQuery, '', false, false);
    expect(storage.getTargetValidationMetadatas(CaseQuery, '', false, false)).toBe(first);
    // Other options are other answers.
    expect(storage.getTargetValidationMetadatas(CaseQuery, '', false, false, ['admin'])).not.toBe(
      first,
    );
  });

  it('sees a rule registered after a class was first validated', async () => {
    const query = Object.assign(new CaseQuery(), { q: 'abc' });
    expect(await validate(query)).toEqual([]);
    registerDecorator({
      name: 'neverValid',
      target: CaseQuery,
      propertyName: 'q',
      validator: { validate: () => false, defaultMessage: () => 'never valid' },
    });
    const errors = await validate(query);
    expect(errors.map((e) => Object.keys(e.constraints ?? {}))).toEqual([['neverValid']]);
  });

  it('is installed once however often it is asked', () => {
    const installed = storage.getTargetValidationMetadatas;
    memoizeValidationMetadata(storage);
    expect(storage.getTargetValidationMetadatas).toBe(installed);
  });
});
