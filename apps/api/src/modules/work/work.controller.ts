import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow } from '../../common/auth/policy';
import { MyWorkDto } from './dto/work.dto';
import { WorkService } from './work.service';

@ApiTags('work')
@Controller('me')
export class WorkController {
  constructor(private readonly work: WorkService) {}

  @Get('work')
  @Allow('operator', 'desk_staff', 'manager', 'admin')
  @ApiOperation({
    operationId: 'myWork',
    summary:
      'My work for the home page: counts of my open cases, overdue follow-ups, incoming transfers, sessions today, SLA at risk, and my saved views with theirs',
  })
  @ApiOkResponse({ type: MyWorkDto })
  mine(@Actor() actor: ActorContext): Promise<MyWorkDto> {
    return this.work.mine(actor.principal!);
  }
}
