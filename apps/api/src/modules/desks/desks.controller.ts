import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow, SignedIn } from '../../common/auth/policy';
import { validationError } from '../../common/errors/app-error';
import { DesksService } from './desks.service';
import {
  CreateDeskClosureDto,
  DeskClosureDto,
  DeskCalendarDto,
  DeskCalendarQueryDto,
  DeskClosureListDto,
  DeskDto,
  DeskListDto,
  UpdateDeskDto,
} from './dto/desk.dto';

const deskId = (id: string): string => {
  if (!/^[a-z][a-z0-9_]{1,31}$/.test(id)) {
    throw validationError('id', 'must be a desk id');
  }
  return id;
};

@ApiTags('desks')
@Controller('desks')
export class DesksController {
  constructor(private readonly desks: DesksService) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    operationId: 'desksList',
    summary: 'Desks with their coverage, hours and queue policy',
  })
  @ApiOkResponse({ type: DeskListDto })
  async list(): Promise<DeskListDto> {
    return { items: await this.desks.list() };
  }

  @Patch(':id')
  @Allow('admin')
  @ApiOperation({
    operationId: 'desksUpdate',
    summary: 'Desk hours, auto-assignment and transfer deadline (audited)',
  })
  @ApiOkResponse({ type: DeskDto })
  update(
    @Param('id') id: string,
    @Body() dto: UpdateDeskDto,
    @Actor() actor: ActorContext,
  ): Promise<DeskDto> {
    return this.desks.update(deskId(id), dto, actor);
  }

  @Get(':id/closures')
  @SignedIn()
  @ApiOperation({ operationId: 'desksClosures', summary: "The desk's own extra closures" })
  @ApiOkResponse({ type: DeskClosureListDto })
  async closures(@Param('id') id: string): Promise<DeskClosureListDto> {
    return { items: await this.desks.closures(deskId(id)) };
  }

  @Get(':id/calendar')
  @SignedIn()
  @ApiOperation({
    operationId: 'desksCalendar',
    summary: "The desk's hours and closed days (weekends, holidays, year-end, its own closures)",
  })
  @ApiOkResponse({ type: DeskCalendarDto })
  calendar(
    @Param('id') id: string,
    @Query() query: DeskCalendarQueryDto,
  ): Promise<DeskCalendarDto> {
    return this.desks.calendar(deskId(id), query);
  }

  @Post(':id/closures')
  @Allow('admin')
  @ApiOperation({ operationId: 'desksAddClosure', summary: 'Close the desk on a date (audited)' })
  @ApiCreatedResponse({ type: DeskClosureDto })
  addClosure(
    @Param('id') id: string,
    @Body() dto: CreateDeskClosureDto,
    @Actor() actor: ActorContext,
  ): Promise<DeskClosureDto> {
    return this.desks.addClosure(deskId(id), dto, actor);
  }

  @Delete(':id/closures/:date')
  @Allow('admin')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'desksRemoveClosure',
    summary: 'Reopen the desk on a date (audited)',
  })
  @ApiNoContentResponse()
  async removeClosure(
    @Param('id') id: string,
    @Param('date') date: string,
    @Actor() actor: ActorContext,
  ): Promise<void> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
      throw validationError('date', 'must be a date YYYY-MM-DD');
    }
    await this.desks.removeClosure(deskId(id), date, actor);
  }
}
