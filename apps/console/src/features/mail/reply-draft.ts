import { readDraft } from '../../lib/draft-storage';
import type { ReplyTemplate } from './reply-templates';

// A reply's form, its draft kept in the browser, and its conversion for the API.

export interface ReplyForm {
  to: string;
  cc: string;
  subject: string;
  body: string;
}
export interface SavedReply {
  form: ReplyForm;
  template: ReplyTemplate;
  savedAt: number;
}

/** Where an unsent reply is kept, per user and case, until it is sent or discarded. */
export const replyDraftKey = (userId: string, caseId: string): string =>
  `madoguchi.reply.draft.${userId}.${caseId}`;

const parseReplyDraft = (raw: string | null): SavedReply | null => {
  const saved = JSON.parse(raw ?? 'null') as SavedReply | null;
  return saved && typeof saved.form?.body === 'string' ? saved : null;
};

export const readReplyDraft = (key: string): SavedReply | null =>
  readDraft(localStorage, key, parseReplyDraft);

export const serializeReply = (draft: Omit<SavedReply, 'savedAt'>, savedAt: number): string =>
  JSON.stringify({ ...draft, savedAt } satisfies SavedReply);

/** A file as the API takes it: its bytes in base64. */
export async function toAttachment(
  file: File,
): Promise<{ filename: string; contentBase64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return { filename: file.name, contentBase64: btoa(binary) };
}

/** The addresses in a field, however they are separated. */
export const addresses = (value: string): string[] =>
  value
    .split(/[,、\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);
