import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow } from '../../common/auth/policy';
import { AppError } from '../../common/errors/app-error';
import { DataSubjectsService } from './data-subjects.service';
import {
  CreateDataSubjectRequestDto,
  DataSubjectRequestDto,
  DataSubjectRequestListDto,
  DataSubjectSearchQueryDto,
  DataSubjectSearchResultDto,
  EraseDataSubjectDto,
  ErasureResultDto,
  UpdateDataSubjectRequestDto,
} from './dto/data-subject.dto';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () =>
    new AppError('VALIDATION_FAILED', 'id: must be a UUID', [
      { field: 'id', message: 'must be a UUID', constraint: 'isUuid' },
    ]),
});

/** The national center's operators, managers and admins answer the people in the data. */
const STEWARDS = ['operator', 'manager', 'admin'] as const;

@ApiTags('data-subjects')
@Controller('data-subjects')
export class DataSubjectsController {
  constructor(private readonly subjects: DataSubjectsService) {}

  @Get('search')
  @Allow(...STEWARDS)
  @ApiOperation({
    operationId: 'dataSubjectsSearch',
    summary: 'Everything held about a person, by email, phone or name (audited)',
    description:
      'Contacts, their cases, mails, expert sessions, surveys and audit entries about them. ' +
      'One of email, phone or name is required (400 naming `email`).',
  })
  @ApiOkResponse({ type: DataSubjectSearchResultDto })
  search(
    @Query() query: DataSubjectSearchQueryDto,
    @Actor() actor: ActorContext,
  ): Promise<DataSubjectSearchResultDto> {
    return this.subjects.search(query, actor);
  }

  @Get('requests')
  @Allow(...STEWARDS)
  @ApiOperation({ operationId: 'dataSubjectRequestsList', summary: 'APPI requests, latest first' })
  @ApiOkResponse({ type: DataSubjectRequestListDto })
  async list(): Promise<DataSubjectRequestListDto> {
    return { items: await this.subjects.list() };
  }

  @Post('requests')
  @Allow(...STEWARDS)
  @ApiOperation({ operationId: 'dataSubjectRequestsCreate', summary: 'Record a request (audited)' })
  @ApiOkResponse({ type: DataSubjectRequestDto })
  create(
    @Body() dto: CreateDataSubjectRequestDto,
    @Actor() actor: ActorContext,
  ): Promise<DataSubjectRequestDto> {
    return this.subjects.create(dto, actor);
  }

  @Get('requests/:id')
  @Allow(...STEWARDS)
  @ApiOperation({ operationId: 'dataSubjectRequestsGet', summary: 'One request' })
  @ApiOkResponse({ type: DataSubjectRequestDto })
  get(@Param('id', uuid) id: string): Promise<DataSubjectRequestDto> {
    return this.subjects.get(id);
  }

  @Patch('requests/:id')
  @Allow(...STEWARDS)
  @ApiOperation({
    operationId: 'dataSubjectRequestsUpdate',
    summary: 'Change a request; status answered stamps answeredAt (audited)',
  })
  @ApiOkResponse({ type: DataSubjectRequestDto })
  update(
    @Param('id', uuid) id: string,
    @Body() dto: UpdateDataSubjectRequestDto,
    @Actor() actor: ActorContext,
  ): Promise<DataSubjectRequestDto> {
    return this.subjects.update(id, dto, actor);
  }

  @Delete('requests/:id')
  @Allow('admin')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'dataSubjectRequestsDelete',
    summary: 'Delete a request recorded by mistake (audited)',
  })
  @ApiNoContentResponse()
  remove(@Param('id', uuid) id: string, @Actor() actor: ActorContext): Promise<void> {
    return this.subjects.remove(id, actor);
  }

  @Get('requests/:id/disclosure')
  @Allow(...STEWARDS)
  @ApiOperation({
    operationId: 'dataSubjectRequestsDisclosure',
    summary: "A zip of the requester's data: data.json and summary.html in Japanese (audited)",
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async disclosure(
    @Param('id', uuid) id: string,
    @Actor() actor: ActorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { fileName, zip } = await this.subjects.disclosure(id, actor);
    void reply.header('content-type', 'application/zip');
    void reply.header('content-disposition', `attachment; filename="${fileName}"`);
    return new StreamableFile(zip);
  }

  @Post('requests/:id/erase')
  @Allow('manager', 'admin')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'dataSubjectRequestsErase',
    summary: 'Pseudonymize the person now (erasure or stop of use), with the reason (audited)',
    description:
      'The contacts given, the text and mail of their cases and audit entries about them. ' +
      'Cases on legal hold are left as they are and listed. Report counts do not change.',
  })
  @ApiOkResponse({ type: ErasureResultDto })
  erase(
    @Param('id', uuid) id: string,
    @Body() dto: EraseDataSubjectDto,
    @Actor() actor: ActorContext,
  ): Promise<ErasureResultDto> {
    return this.subjects.erase(id, dto.contactIds, dto.reason, actor);
  }
}
