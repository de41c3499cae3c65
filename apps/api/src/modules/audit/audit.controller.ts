import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, OmitType } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import { Allow } from '../../common/auth/policy';
import type { Principal } from '../../common/auth/principal';
import { ExportGate } from '../../database/export-gate';
import { AuditQueryService } from './audit-query.service';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditQueryDto } from './dto/audit.dto';

export class AuditExportQueryDto extends OmitType(AuditQueryDto, ['cursor', 'limit']) {}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditQueryService,
    private readonly trail: AuditService,
    private readonly exports: ExportGate,
  ) {}

  @Get()
  @Allow('admin', 'manager')
  @ApiOperation({
    operationId: 'auditList',
    summary: 'The audit trail, newest first, filtered (admin, manager)',
  })
  @ApiOkResponse({ type: AuditPageDto })
  list(
    @Query() query: AuditQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AuditPageDto> {
    return this.audit.page(query, principal);
  }

  @Get('export')
  @Allow('admin', 'manager')
  @ApiOperation({
    operationId: 'auditExport',
    summary: 'The filtered audit trail as CSV for Excel (streamed; the export is itself audited)',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'UTF-8 with BOM, CRLF line ends', schema: { type: 'string' } })
  async export(
    @Query() query: AuditExportQueryDto,
    @Actor() actor: ActorContext,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const csv = await this.exports.open(actor.principal!.userId, async () => {
      await this.trail.record(actor, {
        action: 'audit.exported',
        entityType: 'audit_event',
        meta: { filters: { ...query } },
      });
      return this.audit.exportCsv(query, actor.principal!);
    });
    const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  }
}
