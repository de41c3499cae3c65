import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { OpenToInternet } from '../../common/auth/policy';
import { AppError } from '../../common/errors/app-error';
import { inquiryAssets } from './inquiry-assets';
import { INQUIRY_PAGE_CSP, renderForm } from './inquiry-page';
import { languageOf } from './inquiry-texts';
import { SubmissionShieldService } from './submission-shield.service';

/** The public page itself, rendered on the server so that it works with JavaScript off. */
@ApiExcludeController()
@OpenToInternet()
@Controller('inquiry')
export class InquiryPageController {
  constructor(private readonly shield: SubmissionShieldService) {}

  @Get()
  page(@Query('lang') lang: unknown, @Res() reply: FastifyReply): void {
    void reply
      .status(200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', INQUIRY_PAGE_CSP)
      .send(
        renderForm({
          lang: languageOf(lang),
          values: {},
          errors: [],
          formToken: this.shield.formToken(),
        }),
      );
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() reply: FastifyReply): void {
    const asset = inquiryAssets().get(name);
    if (!asset) {
      throw new AppError('NOT_FOUND', 'No such file.');
    }
    void reply
      .status(200)
      .type(asset.type)
      .header('cache-control', 'public, max-age=3600')
      .header('content-security-policy', INQUIRY_PAGE_CSP)
      .send(asset.body);
  }
}
