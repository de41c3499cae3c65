import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { SETTINGS, type Settings } from '../../config/settings';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Outgoing mail over SMTP (SMTP_URL). Without it, mail is skipped and in-app stays. */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter | null;

  constructor(@Inject(SETTINGS) private readonly settings: Settings) {
    this.transport = settings.mail.smtpUrl ? createTransport(settings.mail.smtpUrl) : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(mail: Mail): Promise<void> {
    if (!this.transport) {
      return;
    }
    await this.transport.sendMail({ from: this.settings.mail.from, ...mail });
    this.logger.debug(`mail sent: ${mail.subject}`);
  }

  /** A link into the console for an email body. */
  link(path: string): string {
    return `${this.settings.mail.publicUrl}${path}`;
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
