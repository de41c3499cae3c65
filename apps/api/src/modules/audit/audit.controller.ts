import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import { Allow } from '../../common/auth/policy';
import type { Principal } from '../../common/auth/principal';
import { AuditQueryService } from './audit-query.service';
import { AuditPageDto, AuditQueryDto } from './dto/audit.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

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
}
