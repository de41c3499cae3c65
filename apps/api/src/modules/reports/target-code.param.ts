import { Injectable, Param, type PipeTransform } from '@nestjs/common';
import { validationError } from '../../common/errors/app-error';

/** A reference figure's code, checked before it reaches a query. */
@Injectable()
export class ParseTargetCode implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[a-z][a-z0-9_]{1,39}$/.test(value)) {
      throw validationError('code', 'must be a reference figure code such as national_fy2025');
    }
    return value;
  }
}

export const TargetCodeParam = (): ParameterDecorator => Param('code', ParseTargetCode);
