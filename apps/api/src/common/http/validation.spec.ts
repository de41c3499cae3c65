import {
  ArrayMinSize,
  IsDefined,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import type { ArgumentMetadata } from '@nestjs/common';
import type { FieldError } from '../errors/app-error';
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

  @IsOptional()
  @MaxLength(5)
  notes?: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  @IsOptional()
  @ArrayMinSize(1)
  @IsIn(['LAB.RULES', 'ICT.SECURITY'], { each: true })
  topics?: string[];
}

const meta: ArgumentMetadata = { type: 'body', metatype: IntakeInput };

describe(createValidationPipe.name, () => {
  const pipe = createValidationPipe();

  async function failure(value: unknown): Promise<{ code: string; details: FieldError[] }> {
    try {
      await pipe.transform(value, meta);
    } catch (error) {
      return (error as { getResponse(): { code: string; details: FieldError[] } }).getResponse();
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
        constraint: 'isLength',
        params: { min: 13, max: 13 },
      },
    ]);
  });

  it('names each broken constraint and its limits, for a client to word in its language', async () => {
    const body = await failure({
      subject: 'x',
      organization: { corporateNumber: '1234567890123' },
      notes: 'too long',
      email: 'not-an-email',
      topics: [],
    });
    expect(body.details).toEqual([
      {
        field: 'notes',
        message: 'must be shorter than or equal to 5 characters',
        constraint: 'maxLength',
        params: { max: 5 },
      },
      { field: 'email', message: 'must be an email', constraint: 'isEmail' },
      {
        field: 'topics',
        message: 'must contain at least 1 elements',
        constraint: 'arrayMinSize',
        params: { min: 1 },
      },
    ]);
    const choice = await failure({
      subject: 'x',
      organization: { corporateNumber: '1234567890123' },
      topics: ['NOPE'],
    });
    expect(choice.details).toEqual([
      expect.objectContaining({
        field: 'topics',
        constraint: 'isIn',
        params: { values: ['LAB.RULES', 'ICT.SECURITY'] },
      }),
    ]);
  });

  it('refuses unknown properties and names them', async () => {
    const body = await failure({
      subject: 'x',
      organization: { corporateNumber: '1234567890123' },
      admin: true,
    });
    expect(body.details).toEqual([
      { field: 'admin', message: 'should not exist', constraint: 'whitelistValidation' },
    ]);
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
    ).toEqual([{ field: 'topics', message: 'each value must be a topic code', constraint: 'x' }]);
  });
});
