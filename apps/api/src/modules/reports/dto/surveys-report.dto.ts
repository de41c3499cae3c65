import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DataAsOfDto } from './data-as-of.dto';

export class SurveyFiguresDto {
  @ApiProperty({ description: 'Surveys sent' })
  sent!: number;

  @ApiProperty()
  answered!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'answered ÷ sent, %' })
  responseRatePercent!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Mean overall satisfaction, 1–5' })
  meanOverall!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Mean usefulness of the advice, 1–5' })
  meanUsefulness!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Intending to introduce or extend telework ÷ answers that stated an intention (the question is optional), %',
  })
  intendingPercent!: number | null;
}

export class SurveyGroupRowDto extends SurveyFiguresDto {
  @ApiProperty({
    description: 'Desk id, expert profile id, session kind or fiscal year (as text)',
  })
  key!: string;

  @ApiPropertyOptional({ description: "The expert's name (byExpert only)" })
  name?: string;
}

export class SurveysReportDto extends DataAsOfDto {
  @ApiProperty({ type: SurveyFiguresDto })
  total!: SurveyFiguresDto;

  @ApiProperty({ type: [SurveyGroupRowDto] })
  byDesk!: SurveyGroupRowDto[];

  @ApiProperty({ type: [SurveyGroupRowDto] })
  byExpert!: SurveyGroupRowDto[];

  @ApiProperty({ type: [SurveyGroupRowDto], description: 'assessment, preparation, follow_up' })
  byKind!: SurveyGroupRowDto[];

  @ApiProperty({
    type: [SurveyGroupRowDto],
    description: 'Fiscal year (April–March) of the session',
  })
  byFiscalYear!: SurveyGroupRowDto[];
}
