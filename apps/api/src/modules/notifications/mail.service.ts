import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { SETTINGS, type Settings } from '../../config/settings';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Defaults to MAIL_FROM. */
  from?: string;
  /** Without brackets; set so that replies thread back to their case. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
}

/** Outgoing mail over SMTP (SMTP_URL). Without it, mail is skipped and in-app stays. */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter | null;

  constructor(@Inject(SETTINGS) private readonly settings: Settings) {
    this.transport = settings.mail.smtpUrl ? createTransport(settings.mail.smtpUrl) : null;
  }

  /** MAIL_FROM: the sender of mail that names no other. */
  get defaultFrom(): string {
    return this.settings.mail.from;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(mail: Mail): Promise<void> {
    if (!this.transport) {
      return;
    }
    const { messageId, inReplyTo, references, ...rest } = mail;
    await this.transport.sendMail({
      from: this.settings.mail.from,
      ...rest,
      ...(messageId ? { messageId: `<${messageId}>` } : {}),
      ...(inReplyTo ? { inReplyTo: `<${inReplyTo}>` } : {}),
      ...(references?.length ? { references: references.map((r) => `<${r}>`) } : {}),
    });
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
