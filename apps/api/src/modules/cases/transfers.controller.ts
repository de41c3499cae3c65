import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow } from '../../common/auth/policy';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import { CASE_WRITERS } from './case-scope';
import { CaseDto } from './dto/case.dto';
import { BounceTransferDto, TransferDto } from './dto/transfer.dto';
import { TransfersService } from './transfers.service';

@ApiTags('cases')
@Controller('cases/:id/transfer')
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Post()
  @Allow(...CASE_WRITERS)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'casesTransfer',
    summary: 'Hand the case to another desk, which then accepts or bounces it',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'TRANSFER_STATE_CONFLICT' })
  transfer(
    @UuidParam() id: string,
    @Body() dto: TransferDto,
    @Actor() actor: ActorContext,
  ): Promise<CaseDto> {
    return this.transfers.request(id, dto, actor);
  }

  @Post('accept')
  @Allow('operator', 'desk_staff', 'manager')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'casesAcceptTransfer',
    summary: 'The receiving desk takes the case',
  })
  @ApiOkResponse({ type: CaseDto })
  accept(@UuidParam() id: string, @Actor() actor: ActorContext): Promise<CaseDto> {
    return this.transfers.accept(id, actor);
  }

  @Post('withdraw')
  @Allow(...CASE_WRITERS)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'casesWithdrawTransfer',
    summary: 'The sending desk takes back a transfer not yet accepted or bounced',
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'TRANSFER_STATE_CONFLICT when no transfer is pending any more',
  })
  withdraw(@UuidParam() id: string, @Actor() actor: ActorContext): Promise<CaseDto> {
    return this.transfers.withdraw(id, actor);
  }

  @Post('bounce')
  @Allow('operator', 'desk_staff', 'manager')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'casesBounceTransfer',
    summary: 'The receiving desk sends the case back, saying why',
  })
  @ApiNoContentResponse({ description: 'Back with the sending desk' })
  async bounce(
    @UuidParam() id: string,
    @Body() dto: BounceTransferDto,
    @Actor() actor: ActorContext,
  ): Promise<void> {
    await this.transfers.bounce(id, dto, actor);
  }
}
