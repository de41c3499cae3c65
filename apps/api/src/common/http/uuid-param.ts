import { type ArgumentMetadata, Injectable, Param, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { validationError } from '../errors/app-error';

/** Rejects malformed ids before they reach a query (TypeORM treats `undefined` as "any row"). */
@Injectable()
export class ParseUuid implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUUID(value)) {
      throw validationError(metadata.data ?? 'id', 'must be a UUID');
    }
    return value;
  }
}

export const UuidParam = (name = 'id'): ParameterDecorator => Param(name, ParseUuid);
