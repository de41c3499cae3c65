import {
  Body,
  Controller,
  DefaultValuePipe,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow } from '../../common/auth/policy';
import { AppError } from '../../common/errors/app-error';
import {
  LegalHoldDto,
  LegalHoldListDto,
  PlaceLegalHoldDto,
  ReleaseLegalHoldDto,
} from './dto/legal-hold.dto';
import {
  PseudonymizationRunDto,
  PseudonymizationRunListDto,
  RetentionOverviewDto,
  UpdateRetentionPolicyDto,
} from './dto/retention.dto';
import { PseudonymizationService } from './pseudonymization.service';
import { RetentionService, toRunDto } from './retention.service';

const uuidOf = (field: string): ParseUUIDPipe =>
  new ParseUUIDPipe({
    optional: true,
    exceptionFactory: () =>
      new AppError('VALIDATION_FAILED', `${field}: must be a UUID`, [
        { field, message: 'must be a UUID', constraint: 'isUuid' },
      ]),
  });

@ApiTags('retention')
@Controller()
export class RetentionController {
  constructor(
    private readonly retention: RetentionService,
    private readonly pseudonymization: PseudonymizationService,
  ) {}

  @Get('retention')
  @Allow('admin')
  @ApiOperation({
    operationId: 'retentionOverview',
    summary: 'The retention policy per data class, with the last run and the last dry run',
  })
  @ApiOkResponse({ type: RetentionOverviewDto })
  overview(): Promise<RetentionOverviewDto> {
    return this.retention.overview();
  }

  @Put('retention')
  @Allow('admin')
  @ApiOperation({
    operationId: 'retentionUpdate',
    summary: 'Set the term of one or more data classes (audited)',
  })
  @ApiOkResponse({ type: RetentionOverviewDto })
  update(
    @Body() dto: UpdateRetentionPolicyDto,
    @Actor() actor: ActorContext,
  ): Promise<RetentionOverviewDto> {
    return this.retention.update(dto, actor);
  }

  @Get('retention/runs')
  @Allow('admin')
  @ApiOperation({ operationId: 'retentionRuns', summary: 'Pseudonymization runs, latest first' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiOkResponse({ type: PseudonymizationRunListDto })
  async runs(
    @Query('limit', new DefaultValuePipe(20), ParseIntPipe) limit: number,
  ): Promise<PseudonymizationRunListDto> {
    return { items: await this.retention.runs(Math.min(Math.max(limit, 1), 100)) };
  }

  @Post('retention/dry-run')
  @Allow('admin')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'retentionDryRun',
    summary: 'What the next run would pseudonymize: counts and a sample of case ids (recorded)',
  })
  @ApiOkResponse({ type: PseudonymizationRunDto })
  async dryRun(@Actor() actor: ActorContext): Promise<PseudonymizationRunDto> {
    return toRunDto((await this.pseudonymization.dryRun(actor)).run);
  }

  @Get('legal-holds')
  @Allow('admin', 'manager')
  @ApiOperation({
    operationId: 'legalHoldsList',
    summary: 'Legal holds: those in force, or every hold of one case or organization',
  })
  @ApiQuery({ name: 'caseId', required: false })
  @ApiQuery({ name: 'organizationId', required: false })
  @ApiOkResponse({ type: LegalHoldListDto })
  async holds(
    @Query('caseId', uuidOf('caseId')) caseId?: string,
    @Query('organizationId', uuidOf('organizationId')) organizationId?: string,
  ): Promise<LegalHoldListDto> {
    return { items: await this.retention.holds({ caseId, organizationId }) };
  }

  @Post('legal-holds')
  @Allow('admin', 'manager')
  @ApiOperation({
    operationId: 'legalHoldsPlace',
    summary: 'Put a case or an organization on legal hold: its data is not pseudonymized (audited)',
    description: '409 LEGAL_HOLD_EXISTS when a hold is already in force on it.',
  })
  @ApiOkResponse({ type: LegalHoldDto })
  place(@Body() dto: PlaceLegalHoldDto, @Actor() actor: ActorContext): Promise<LegalHoldDto> {
    return this.retention.place(dto, actor);
  }

  @Post('legal-holds/:id/release')
  @Allow('admin', 'manager')
  @HttpCode(200)
  @ApiOperation({ operationId: 'legalHoldsRelease', summary: 'Release a legal hold (audited)' })
  @ApiOkResponse({ type: LegalHoldDto })
  release(
    @Param('id', uuidOf('id')) id: string,
    @Body() dto: ReleaseLegalHoldDto,
    @Actor() actor: ActorContext,
  ): Promise<LegalHoldDto> {
    return this.retention.release(id, dto.reason, actor);
  }
}
