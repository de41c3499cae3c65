import { IsDefined, IsString, Length, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import type { ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe, flattenValidationErrors } from './validation';

class OrganizationInput {
  @IsString()
  @Length(13, 13)
  corporateNumber!: string;
}

class IntakeInput {
  @IsString()
  subject!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => OrganizationInput)
  organization!: OrganizationInput;
}

const meta: ArgumentMetadata = { type: 'body', metatype: IntakeInput };

describe(createValidationPipe.name, () => {
  const pipe = createValidationPipe();

  async function failure(
    value: unknown,
  ): Promise<{ code: string; details: { field: string; message: string }[] }> {
    try {
      await pipe.transform(value, meta);
    } catch (error) {
      return (
        error as { getResponse(): { code: string; details: { field: string; message: string }[] } }
      ).getResponse();
    }
    throw new Error('expected a validation failure');
  }

  it('names nested fields with a dotted path', async () => {
    const body = await failure({ subject: 'x', organization: { corporateNumber: '123' } });
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details).toEqual([
      {
        field: 'organization.corporateNumber',
        message: 'must be longer than or equal to 13 characters',
      },
    ]);
  });

  it('refuses unknown properties and names them', async () => {
    const body = await failure({
      subject: 'x',
      organization: { corporateNumber: '1234567890123' },
      admin: true,
    });
    expect(body.details).toEqual([{ field: 'admin', message: 'should not exist' }]);
  });

  it('reports every missing field, not just the first', async () => {
    const body = await failure({});
    expect(body.details.map((d) => d.field)).toEqual(
      expect.arrayContaining(['subject', 'organization']),
    );
  });

  it('passes valid input through as an instance', async () => {
    const value = await pipe.transform(
      { subject: 'x', organization: { corporateNumber: '1234567890123' } },
      meta,
    );
    expect(value).toBeInstanceOf(IntakeInput);
  });
});

describe(flattenValidationErrors.name, () => {
  it('keeps messages that do not start with the property name', () => {
    expect(
      flattenValidationErrors([
        { property: 'topics', constraints: { x: 'each value must be a topic code' }, children: [] },
      ]),
    ).toEqual([{ field: 'topics', message: 'each value must be a topic code' }]);
  });
});
