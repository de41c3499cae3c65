import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { StreamableFile } from '@nestjs/common';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow } from '../../common/auth/policy';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import { DownloadResponse } from '../reports/report-response.decorator';
import {
  AwardKindListDto,
  CandidateListDto,
  CandidatesQueryDto,
  CreateNominationDto,
  MarkCandidateDto,
  MarkParamsDto,
  NominationDto,
  UpdateNominationDto,
} from './dto/awards.dto';
import { AwardsService } from './awards.service';

// The list shows organizations and counts, never a contact, so all desk staff may read it;
// marking and nominating is the managers' call.
const AWARD_READERS = ['operator', 'desk_staff', 'manager', 'admin'] as const;
const AWARD_WRITERS = ['manager', 'admin'] as const;

@ApiTags('awards')
@Controller('awards')
export class AwardsController {
  constructor(private readonly awards: AwardsService) {}

  @Get('kinds')
  @Allow(...AWARD_READERS)
  @ApiOperation({
    operationId: 'awardsKinds',
    summary: 'The awards organizations are nominated for',
  })
  @ApiOkResponse({ type: AwardKindListDto })
  async kinds(): Promise<AwardKindListDto> {
    return { items: await this.awards.kinds() };
  }

  @Get('candidates')
  @Allow(...AWARD_READERS)
  @ApiOperation({
    operationId: 'awardsCandidates',
    summary: 'Award candidates of a fiscal year, with the evidence per organization',
    description:
      'Organizations whose telework introduction is well evidenced (libs/domain awardEvidence: ' +
      'adopted status plus a completed follow-up session, an outcome check confirming adoption ' +
      'or a positive survey; facts up to the end of the fiscal year), and any organization ' +
      'marked or nominated that year. Strongest evidence first. No contact data.',
  })
  @ApiOkResponse({ type: CandidateListDto })
  candidates(@Query() query: CandidatesQueryDto): Promise<CandidateListDto> {
    return this.awards.candidates(query);
  }

  @Get('candidates/export')
  @Allow(...AWARD_READERS)
  @ApiOperation({
    operationId: 'awardsExportCandidates',
    summary: 'The candidate list as filtered, as an xlsx workbook (audited)',
  })
  @DownloadResponse(['xlsx'], 'An xlsx workbook, one row per organization')
  exportCandidates(
    @Query() query: CandidatesQueryDto,
    @Actor() actor: ActorContext,
  ): Promise<StreamableFile> {
    return this.awards.export(query, actor);
  }

  @Put('marks')
  @Allow(...AWARD_WRITERS)
  @HttpCode(204)
  @ApiOperation({
    operationId: 'awardsMark',
    summary: 'Mark an organization as a candidate for a fiscal year (again: replaces the note)',
  })
  @ApiNoContentResponse({ description: 'Marked' })
  async mark(@Body() dto: MarkCandidateDto, @Actor() actor: ActorContext): Promise<void> {
    await this.awards.mark(dto, actor);
  }

  @Delete('marks/:organizationId/:fiscalYear')
  @Allow(...AWARD_WRITERS)
  @HttpCode(204)
  @ApiOperation({ operationId: 'awardsUnmark', summary: 'Take a candidate mark off' })
  @ApiNoContentResponse({ description: 'Unmarked' })
  async unmark(@Param() params: MarkParamsDto, @Actor() actor: ActorContext): Promise<void> {
    await this.awards.unmark(params.organizationId, params.fiscalYear, actor);
  }

  @Post('nominations')
  @Allow(...AWARD_WRITERS)
  @ApiOperation({
    operationId: 'awardsNominate',
    summary: 'Record a nomination of an organization for an award and fiscal year',
  })
  @ApiCreatedResponse({ type: NominationDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'AWARD_NOMINATION_EXISTS' })
  nominate(@Body() dto: CreateNominationDto, @Actor() actor: ActorContext): Promise<NominationDto> {
    return this.awards.nominate(dto, actor);
  }

  @Patch('nominations/:id')
  @Allow(...AWARD_WRITERS)
  @ApiOperation({
    operationId: 'awardsRecordResult',
    summary: 'Record the result of a nomination (selected / not selected, with the date)',
  })
  @ApiOkResponse({ type: NominationDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'AWARD_NOMINATION_VERSION_CONFLICT' })
  recordResult(
    @UuidParam() id: string,
    @Body() dto: UpdateNominationDto,
    @Actor() actor: ActorContext,
  ): Promise<NominationDto> {
    return this.awards.recordResult(id, dto, actor);
  }
}
