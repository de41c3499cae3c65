import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Allow } from '../../common/auth/policy';
import { validationError } from '../../common/errors/app-error';
import { JobsService } from './jobs.service';

export class FailedJobDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  queue!: string;

  @ApiProperty()
  retryCount!: number;

  @ApiProperty({ description: 'The last error, as pg-boss recorded it' })
  error!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  failedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class JobsStatusDto {
  @ApiProperty({ description: 'Whether this instance runs the job workers' })
  running!: boolean;

  @ApiProperty({ type: [String] })
  queues!: string[];

  @ApiProperty({ type: [FailedJobDto] })
  failed!: FailedJobDto[];
}

class RetryJobDto {
  @ApiProperty()
  @IsIn([
    'sla-breach-scan',
    'follow-up-reminders',
    'session-reminders',
    'mail-outbox',
    'event-reminders',
  ])
  queue!: string;
}

@ApiTags('admin')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @Allow('admin')
  @ApiOperation({
    operationId: 'jobsStatus',
    summary: 'Background job queues and the jobs that failed',
  })
  @ApiOkResponse({ type: JobsStatusDto })
  async status(): Promise<JobsStatusDto> {
    return {
      running: this.jobs.running,
      queues: this.jobs.queues,
      failed: await this.jobs.failed(),
    };
  }

  @Post(':id/retry')
  @Allow('admin')
  @HttpCode(204)
  @ApiOperation({ operationId: 'jobsRetry', summary: 'Run a failed job again' })
  @ApiNoContentResponse()
  async retry(@Param('id') id: string, @Body() dto: RetryJobDto): Promise<void> {
    if (!/^[0-9a-f-]{36}$/.test(id)) {
      throw validationError('id', 'must be a job id');
    }
    await this.jobs.retry(dto.queue, id);
  }
}
