import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow } from '../../common/auth/policy';
import { CaseBulkService } from './case-bulk.service';
import { CASE_WRITERS } from './case-scope';
import { BulkCaseActionDto, BulkResultListDto } from './dto/bulk.dto';

@ApiTags('cases')
@Controller('cases/bulk')
export class BulkController {
  constructor(private readonly bulk: CaseBulkService) {}

  @Post()
  @Allow(...CASE_WRITERS)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'casesBulk',
    summary: 'Assign or close many cases; each succeeds or fails on its own',
  })
  @ApiOkResponse({ type: BulkResultListDto })
  async run(
    @Body() dto: BulkCaseActionDto,
    @Actor() actor: ActorContext,
  ): Promise<BulkResultListDto> {
    return { results: await this.bulk.run(dto, actor) };
  }
}
